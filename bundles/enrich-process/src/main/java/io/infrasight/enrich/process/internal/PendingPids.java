package io.infrasight.enrich.process.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Pids the publishing threads had no /proc budget for, for the scan thread to resolve. Bounded:
 * beyond {@code max} a pid is dropped and counted (its events stay marked unknown until a scan
 * discovers the process anyway).
 */
final class PendingPids {
    private final int max;
    private final ConcurrentLinkedQueue<Integer> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    final LongAdder dropped = new LongAdder();

    PendingPids(int max) {
        this.max = max;
    }

    void add(int pid) {
        if (size.incrementAndGet() > max) {
            size.decrementAndGet();
            dropped.increment();
            return;
        }
        queue.add(pid);
    }

    /** The next pid, or null. */
    Integer poll() {
        Integer pid = queue.poll();
        if (pid != null) {
            size.decrementAndGet();
        }
        return pid;
    }
}
