package io.infrasight.api.enrich;

/**
 * At most {@code perSecond} permits per second, refilled every second. Enrichers spend one per cache
 * miss that needs I/O (/proc, a runtime socket) on the publishing thread, so a burst of unknown ids
 * costs a bounded amount of time per second instead of stalling the probe.
 */
public final class MissBudget {
    private final int perSecond;
    private long windowStart;
    private int used;

    public MissBudget(int perSecond) {
        this.perSecond = perSecond;
        this.windowStart = System.nanoTime();
    }

    /** True when a permit is left in the current one-second window. */
    public synchronized boolean tryAcquire() {
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
