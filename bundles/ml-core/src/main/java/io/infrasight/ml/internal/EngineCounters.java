package io.infrasight.ml.internal;

import io.infrasight.api.event.Event;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The engine's counters, and the check that keeps bad vectors out of models (counted, logged once per reason). */
public final class EngineCounters {
    private static final Logger LOG = LoggerFactory.getLogger(EngineCounters.class);
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void inc(String name) {
        counts.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    public long get(String name) {
        LongAdder a = counts.get(name);
        return a == null ? 0 : a.sum();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> m = new TreeMap<>();
        counts.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** Why a vector cannot be used ("nan", "negative", "interval"), or null when it can. */
    public static String check(Map<String, Double> raw, double seconds) {
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            return "interval";
        }
        for (Double v : raw.values()) {
            if (v == null || v.isNaN() || v.isInfinite()) {
                return "nan";
            }
            if (v < 0) {
                return "negative";
            }
        }
        return null;
    }

    public void reject(String reason, Event e, Map<String, Double> raw, double seconds) {
        String name = "rejected_" + reason;
        boolean first = get(name) == 0;
        inc(name);
        if (first) {
            LOG.warn("Rejected a {} vector of pid {} ({}): {} values or interval {} s; counted as {}, further ones "
                    + "are only counted", e.header().kind(), e.header().pid(), e.header().comm(), reason, seconds, name);
        }
    }
}
