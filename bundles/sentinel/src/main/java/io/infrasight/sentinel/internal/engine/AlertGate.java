package io.infrasight.sentinel.internal.engine;

import io.infrasight.api.event.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Deduplication per rule and process, and a rate limit per rule, over a window of time.
 * <ul>
 * <li>The first match of (rule, pid) raises an alert at once; more matches in the same window are
 * suppressed and counted.</li>
 * <li>When the window ends with suppressed matches, {@link #expire} hands back one summary carrying
 * the count and the last event, so a storm yields one alert per window plus its count.</li>
 * <li>Across processes, a rule raises at most {@code maxPerRule} alerts per window; the rest are
 * counted and reported on the rule's next alert.</li>
 * </ul>
 * Called from the detector worker and from the ticker, hence synchronized; only matches get here.
 */
public final class AlertGate {
    /** A summary to raise: the rule, the last suppressed event, how many were suppressed. */
    public record Summary(CompiledRule rule, Event lastEvent, long suppressed, long windowStartNanos) {
    }

    private static final class Window {
        final long start;
        long suppressed;
        Event last;
        final CompiledRule rule;

        Window(long start, CompiledRule rule) {
            this.start = start;
            this.rule = rule;
        }
    }

    private static final class Bucket {
        long start;
        int count;
        long limited;
    }

    private record Key(String rule, int pid) {
    }

    private final long windowNanos;
    private final int maxPerRule;
    private final int maxKeys;
    private final Map<Key, Window> windows = new HashMap<>();
    private final Map<String, Bucket> buckets = new HashMap<>();
    private final List<Summary> pending = new ArrayList<>();
    private long overflow;

    public AlertGate(long windowNanos, int maxPerRule, int maxKeys) {
        this.windowNanos = windowNanos;
        this.maxPerRule = maxPerRule;
        this.maxKeys = maxKeys;
    }

    /**
     * @return -1 when the match is suppressed; otherwise the number of matches of this rule that
     *         the per-rule rate limit held back since its last alert (to report on this alert)
     */
    public synchronized long admit(CompiledRule rule, Event e, long now) {
        Key k = new Key(rule.id, e.header().pid());
        Window w = windows.get(k);
        if (w != null && now - w.start < windowNanos) {
            w.suppressed++;
            w.last = e;
            rule.counters.suppressed++;
            return -1;
        }
        if (windowNanos > 0) {
            if (windows.size() >= maxKeys) {
                expireInto(now, pending);   // summaries wait for the next expire()
            }
            if (windows.size() < maxKeys) {
                windows.put(k, new Window(now, rule));
            } else {
                overflow++;   // too many distinct processes: alert without dedup rather than lose it
            }
        }
        Bucket b = buckets.computeIfAbsent(rule.id, x -> new Bucket());
        if (now - b.start >= windowNanos || b.count == 0) {
            b.start = now;
            b.count = 0;
        }
        if (maxPerRule > 0 && b.count >= maxPerRule) {
            b.limited++;
            rule.counters.suppressed++;
            return -1;
        }
        b.count++;
        long limited = b.limited;
        b.limited = 0;
        return limited;
    }

    /** Ends windows older than the window length and returns summaries for those that suppressed something. */
    public synchronized List<Summary> expire(long now) {
        List<Summary> out = new ArrayList<>(pending);
        pending.clear();
        expireInto(now, out);
        return out;
    }

    private void expireInto(long now, List<Summary> out) {
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext();) {
            Window w = it.next();
            if (now - w.start >= windowNanos) {
                it.remove();
                if (w.suppressed > 0) {
                    out.add(new Summary(w.rule, w.last, w.suppressed, w.start));
                }
            }
        }
    }

    public synchronized int openWindows() {
        return windows.size();
    }

    public synchronized long overflow() {
        return overflow;
    }

    public long windowNanos() {
        return windowNanos;
    }
}
