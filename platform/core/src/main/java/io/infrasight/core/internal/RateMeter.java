package io.infrasight.core.internal;

/** Events per second between the last two samples taken by the bus's once-a-second ticker. */
final class RateMeter {
    private long lastCount;
    private long lastNanos = System.nanoTime();
    private volatile double rate;

    synchronized void sample(long count, long nowNanos) {
        long dt = nowNanos - lastNanos;
        if (dt > 0) {
            rate = (count - lastCount) * 1e9 / dt;
        }
        lastCount = count;
        lastNanos = nowNanos;
    }

    double rate() {
        return rate;
    }
}
