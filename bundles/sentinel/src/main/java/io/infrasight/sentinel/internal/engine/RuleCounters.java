package io.infrasight.sentinel.internal.engine;

/**
 * What one rule has done. Written by the one detector worker thread, read by status: plain volatile
 * longs are enough (no read-modify-write races with a single writer).
 */
public final class RuleCounters {
    /** One evaluation in this many is timed: timing every one would cost more than most conditions. */
    public static final int SAMPLE_EVERY = 64;

    volatile long evaluations;
    volatile long matches;
    volatile long alerts;
    volatile long suppressed;
    volatile long sampledNanos;
    volatile long samples;
    volatile long errors;

    public long evaluations() {
        return evaluations;
    }

    public long matches() {
        return matches;
    }

    public long alerts() {
        return alerts;
    }

    public long suppressed() {
        return suppressed;
    }

    public long errors() {
        return errors;
    }

    public double avgEvalNanos() {
        long s = samples;
        return s == 0 ? 0 : (double) sampledNanos / s;
    }
}
