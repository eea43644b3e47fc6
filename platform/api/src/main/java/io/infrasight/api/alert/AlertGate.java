package io.infrasight.api.alert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Deduplication per (rule, subject) and a rate limit per rule over a window of time, shared by every
 * detector so that an alert storm looks the same to sinks and to operators whichever detector raised
 * it (Sentinel passes the pid as subject; ML detectors pass a pid or a container key).
 * <ul>
 * <li>The first match of (rule, subject) raises an alert at once; more matches in the same window
 * are suppressed and counted.</li>
 * <li>When the window ends with suppressed matches, {@link #expire} hands back one {@link Summary}
 * with the count and the payload of the last match, so a storm yields one alert per window plus its
 * count instead of thousands of identical lines.</li>
 * <li>Across subjects, a rule raises at most {@code maxPerRule} alerts per window; the rest are
 * suppressed, and their number is returned by the rule's next admitted match so that the alert can
 * say how many were held back.</li>
 * <li>At most {@code maxKeys} windows are open: when full, ended windows are cleared first, and a
 * match that still finds no room alerts without dedup (counted in {@link #overflow()}) rather than
 * being lost.</li>
 * </ul>
 * Detectors call {@link #admit} from their worker and {@link #expire} from a ticker, hence the
 * methods are synchronized; only matches reach the gate, so the lock is rarely contended. Times are
 * monotonic nanoseconds supplied by the caller, which keeps the gate testable without sleeping.
 *
 * @param <T> what the caller wants back in a summary (Sentinel: its rule and the event; an ML
 *            detector: the alert it raised), kept for the last suppressed match of each window
 */
public final class AlertGate<T> {
    /** Returned by {@link #admit} when the match must not raise an alert. */
    public static final long SUPPRESSED = -1;

    /**
     * A summary to raise for a window that suppressed matches.
     *
     * @param last             the payload of the last suppressed match
     * @param suppressed       how many matches the window suppressed
     * @param windowStartNanos when the window opened (the caller's monotonic clock)
     */
    public record Summary<T>(String ruleId, String subject, T last, long suppressed, long windowStartNanos) {
    }

    private static final class Window<T> {
        final long start;
        long suppressed;
        T last;

        Window(long start) {
            this.start = start;
        }
    }

    private static final class Bucket {
        long start;
        int count;
        long limited;
    }

    private record Key(String rule, String subject) {
    }

    private final long windowNanos;
    private final int maxPerRule;
    private final int maxKeys;
    private final Map<Key, Window<T>> windows = new HashMap<>();
    private final Map<String, Bucket> buckets = new HashMap<>();
    private final List<Summary<T>> pending = new ArrayList<>();
    private long overflow;
    private long suppressed;

    /**
     * @param windowNanos dedup and rate-limit window; 0 switches both off
     * @param maxPerRule  alerts per rule per window across subjects; 0 means no limit
     * @param maxKeys     open (rule, subject) windows at most, bounding memory under a storm of subjects
     */
    public AlertGate(long windowNanos, int maxPerRule, int maxKeys) {
        if (windowNanos < 0 || maxPerRule < 0 || maxKeys < 0) {
            throw new IllegalArgumentException("negative gate setting: window " + windowNanos + " ns, per rule "
                    + maxPerRule + ", keys " + maxKeys);
        }
        this.windowNanos = windowNanos;
        this.maxPerRule = maxPerRule;
        this.maxKeys = maxKeys;
    }

    /**
     * Decides whether a match raises an alert now.
     *
     * @param payload kept as the window's last payload when suppressed, for the summary
     * @return {@link #SUPPRESSED} when the match must not alert (count it in the rule's own counters);
     *         otherwise the number of matches of this rule that the per-rule rate limit held back
     *         since its last alert, to report on this alert
     */
    public synchronized long admit(String ruleId, String subject, T payload, long nowNanos) {
        Objects.requireNonNull(ruleId, "ruleId");
        Key k = new Key(ruleId, subject);
        Window<T> w = windows.get(k);
        if (w != null && nowNanos - w.start < windowNanos) {
            w.suppressed++;
            w.last = payload;
            suppressed++;
            return SUPPRESSED;
        }
        if (windowNanos > 0) {
            if (windows.size() >= maxKeys) {
                expireInto(nowNanos, pending);   // summaries wait for the next expire()
            }
            if (windows.size() < maxKeys) {
                windows.put(k, new Window<>(nowNanos));
            } else {
                overflow++;   // too many distinct subjects: alert without dedup rather than lose it
            }
        }
        Bucket b = buckets.computeIfAbsent(ruleId, x -> new Bucket());
        if (nowNanos - b.start >= windowNanos || b.count == 0) {
            b.start = nowNanos;
            b.count = 0;
        }
        if (maxPerRule > 0 && b.count >= maxPerRule) {
            b.limited++;
            suppressed++;
            return SUPPRESSED;
        }
        b.count++;
        long limited = b.limited;
        b.limited = 0;
        return limited;
    }

    /** Ends the windows older than the window length; returns a summary for each that suppressed something. */
    public synchronized List<Summary<T>> expire(long nowNanos) {
        List<Summary<T>> out = new ArrayList<>(pending);
        pending.clear();
        expireInto(nowNanos, out);
        return out;
    }

    private void expireInto(long now, List<Summary<T>> out) {
        for (Iterator<Map.Entry<Key, Window<T>>> it = windows.entrySet().iterator(); it.hasNext();) {
            Map.Entry<Key, Window<T>> e = it.next();
            Window<T> w = e.getValue();
            if (now - w.start >= windowNanos) {
                it.remove();
                if (w.suppressed > 0) {
                    out.add(new Summary<>(e.getKey().rule(), e.getKey().subject(), w.last, w.suppressed, w.start));
                }
            }
        }
    }

    public synchronized int openWindows() {
        return windows.size();
    }

    /** Matches that alerted without dedup because {@code maxKeys} windows were open. */
    public synchronized long overflow() {
        return overflow;
    }

    /** Matches suppressed so far, by dedup or by the per-rule limit. */
    public synchronized long suppressed() {
        return suppressed;
    }

    public long windowNanos() {
        return windowNanos;
    }

    public int maxPerRule() {
        return maxPerRule;
    }

    public int maxKeys() {
        return maxKeys;
    }
}
