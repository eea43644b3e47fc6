package io.infrasight.enrich.process.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * pid to process, bounded. Reads (the publishing threads) are lock-free map lookups; writes (exec
 * events, misses, the /proc scan) take one lock to keep an insertion order for eviction. Eviction
 * is CLOCK: the eldest entry goes unless it was read since it was last considered, in which case
 * it gets a second chance at the back. Long-lived ancestors such as sshd are read by every child's
 * ancestry walk and so survive a storm of short-lived processes that nobody reads.
 */
final class ProcessTable {
    private static final int SECOND_CHANCES = 32;

    private final int capacity;
    private final ConcurrentHashMap<Integer, ProcInfo> map;
    private final LinkedHashMap<Integer, Boolean> order = new LinkedHashMap<>();
    final LongAdder evictions = new LongAdder();
    final LongAdder expired = new LongAdder();

    ProcessTable(int capacity) {
        this.capacity = capacity;
        this.map = new ConcurrentHashMap<>(Math.min(capacity, 1 << 16));
    }

    ProcInfo get(int pid) {
        return map.get(pid);
    }

    int size() {
        return map.size();
    }

    int capacity() {
        return capacity;
    }

    synchronized void put(ProcInfo info) {
        Integer key = info.pid;
        if (!map.containsKey(key)) {
            while (map.size() >= capacity) {
                evictOne();
            }
            order.put(key, Boolean.TRUE);
        }
        map.put(key, info);
    }

    /** Replaces {@code expected} only if it is still the current entry (the scan races with exec events). */
    synchronized boolean replace(ProcInfo expected, ProcInfo next) {
        if (map.get(expected.pid) != expected) {
            return false;
        }
        map.put(next.pid, next);
        return true;
    }

    synchronized void remove(int pid) {
        if (map.remove(pid) != null) {
            order.remove(pid);
        }
    }

    private void evictOne() {
        for (int i = 0; i < SECOND_CHANCES && !order.isEmpty(); i++) {
            Integer eldest = order.keySet().iterator().next();
            order.remove(eldest);
            ProcInfo p = map.get(eldest);
            if (p != null && p.referenced && p.live()) {
                p.referenced = false;
                order.put(eldest, Boolean.TRUE);
                continue;
            }
            map.remove(eldest);
            evictions.increment();
            return;
        }
        if (!order.isEmpty()) {
            Integer eldest = order.keySet().iterator().next();
            order.remove(eldest);
            map.remove(eldest);
            evictions.increment();
        }
    }

    /**
     * Drops exited entries after their linger time and negative entries after their ttl. Walks the
     * map without the lock and takes it per removal, so an exec event on a publishing thread never
     * waits for a whole pass over a large table.
     */
    void expire(long now, long lingerNanos, long negativeTtlNanos) {
        for (ProcInfo p : map.values()) {
            boolean gone = (p.unknown && now - p.createdAt > negativeTtlNanos)
                    || (p.exitedAt != 0 && now - p.exitedAt > lingerNanos);
            if (gone && removeIfCurrent(p)) {
                expired.increment();
            }
        }
    }

    private synchronized boolean removeIfCurrent(ProcInfo p) {
        if (map.get(p.pid) != p) {
            return false;
        }
        map.remove(p.pid);
        order.remove(p.pid);
        return true;
    }

    /** A copy of the current entries, for the scan (weakly consistent; taken without the lock). */
    List<ProcInfo> snapshot() {
        return new ArrayList<>(map.values());
    }

    Map<Integer, ProcInfo> view() {
        return map;
    }
}
