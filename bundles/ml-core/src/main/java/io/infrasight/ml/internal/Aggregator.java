package io.infrasight.ml.internal;

import io.infrasight.api.event.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums one harvest of per-process interval quantities per container and for the host. The probes
 * report every process at the same timer tick, so a window opens with the first vector to arrive
 * and closes once half an interval has passed: the next tick's vectors start the next window.
 */
public final class Aggregator {
    /** The sum over the processes of one container (or the host) in one window. */
    public static final class Sum {
        public final String container;
        public final Map<String, Double> raw = new HashMap<>();
        public int processes;
        public double seconds;
        public Event last;

        Sum(String container) {
            this.container = container;
        }

        void add(Map<String, Double> r, double secs, Event e) {
            r.forEach((k, v) -> raw.merge(k, v, Double::sum));
            processes++;
            seconds = Math.max(seconds, secs);
            last = e;
        }
    }

    public static final String HOST = "host";

    private final Map<String, Sum> containers = new HashMap<>();
    private Sum host = new Sum(HOST);
    private long openedMono = -1;
    private long windowNanos;

    /** Adds a process's vector; returns the windows it closed first (empty most of the time). */
    public List<Sum> add(String container, Map<String, Double> raw, double seconds, Event e, long nowMono) {
        List<Sum> closed = closeIfDue(nowMono);
        if (openedMono < 0) {
            openedMono = nowMono;
            windowNanos = (long) (seconds * 0.5e9);
        }
        if (!HOST.equals(container)) {
            containers.computeIfAbsent(container, Sum::new).add(raw, seconds, e);
        }
        host.add(raw, seconds, e);
        return closed;
    }

    /** Closes the window when half an interval has passed since it opened. */
    public List<Sum> closeIfDue(long nowMono) {
        if (openedMono < 0 || nowMono - openedMono < windowNanos) {
            return List.of();
        }
        List<Sum> out = new ArrayList<>(containers.values());
        out.add(host);
        containers.clear();
        host = new Sum(HOST);
        openedMono = -1;
        return out;
    }
}
