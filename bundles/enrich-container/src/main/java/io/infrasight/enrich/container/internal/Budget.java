package io.infrasight.enrich.container.internal;

/**
 * At most {@code perSecond} permits per second, refilled every second. Cache misses read /proc on
 * the publishing thread only while permits last, so a burst of unknown pids costs a bounded amount
 * of time per second instead of stalling the probe.
 */
final class Budget {
    private final int perSecond;
    private long windowStart;
    private int used;

    Budget(int perSecond) {
        this.perSecond = perSecond;
        this.windowStart = System.nanoTime();
    }

    synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        if (now - windowStart >= 1_000_000_000L) {
            windowStart = now;
            used = 0;
        }
        if (used >= perSecond) {
            return false;
        }
        used++;
        return true;
    }
}
