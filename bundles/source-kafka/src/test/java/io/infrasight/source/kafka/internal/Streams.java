package io.infrasight.source.kafka.internal;

import io.infrasight.api.event.Context;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.ExecEvent;
import io.infrasight.api.event.OpenEvent;
import io.infrasight.api.spi.EventPublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Test events and the checks on what arrived. */
final class Streams {
    static final int PROCESSES = 64;

    private Streams() {
    }

    /** Event n: process n % 64, its per-process counter in mono_ns; every 10th an exec. */
    static Event event(long n) {
        int pid = 1000 + (int) (n % PROCESSES);
        EventKind kind = n % 10 == 0 ? EventKind.EXEC : EventKind.OPEN;
        EventHeader h = new EventHeader(kind, System.currentTimeMillis() * 1_000_000L, n, pid, pid, 1, 0, 0, 0,
                42, "proc" + pid, 3, 1200, "node-test", Context.EMPTY);
        return kind == EventKind.EXEC
                ? new ExecEvent(h, "/usr/bin/p", List.of("p", Long.toString(n)), false, "/", false, false)
                : new OpenEvent(h, "/data/file-" + n, 0, 0644, "openat");
    }

    /** Publishes events [from, to) in batches of 500, at about {@code perSecond}. */
    static void publish(EventPublisher pub, long from, long to, int perSecond, BooleanSupplier keepGoing)
            throws InterruptedException {
        long start = System.nanoTime();
        List<Event> batch = new ArrayList<>(500);
        for (long n = from; n < to && keepGoing.getAsBoolean(); n++) {
            batch.add(event(n));
            if (batch.size() == 500 || n == to - 1) {
                pub.publish(batch);
                batch = new ArrayList<>(500);
                long due = start + (n + 1 - from) * 1_000_000_000L / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        }
    }

    /** Publishes at {@code perSecond} in batches of 100, each event stamped with the wall clock. */
    static void publishStamped(EventPublisher pub, long from, long to, int perSecond) throws InterruptedException {
        long start = System.nanoTime();
        for (long n = from; n < to; n += 100) {
            List<Event> batch = new ArrayList<>(100);
            long now = wallNanos();
            for (long i = n; i < n + 100; i++) {
                Event e = event(i);
                batch.add(e.withHeader(new EventHeader(e.kind(), now, i, e.header().pid(), e.header().tid(), 1, 0,
                        0, 0, 42, e.header().comm(), 0, 0, "node-test", Context.EMPTY)));
            }
            pub.publish(batch);
            long due = start + (n + 100 - from) * 1_000_000_000L / perSecond;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
    }

    static long wallNanos() {
        java.time.Instant t = java.time.Instant.now();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** Waits until the condition holds or the deadline passes; returns whether it held. */
    static boolean await(BooleanSupplier condition, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return condition.getAsBoolean();
    }

    /**
     * Events whose counter is not above the previous one of their process and kind, in first-arrival
     * order. Kafka orders within a partition; each kind has its own topic, so order holds per
     * process within a kind (across kinds, time and mono_ns order the events).
     */
    static long outOfOrder(Iterable<Map.Entry<String, Event>> received) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        long[] last = new long[PROCESSES * 16];
        java.util.Arrays.fill(last, -1);
        long bad = 0;
        for (Map.Entry<String, Event> r : received) {
            if (!seen.add(r.getKey())) {
                continue; // a duplicate delivery; order is judged on first arrivals
            }
            int p = (r.getValue().header().pid() - 1000) * 16 + r.getValue().kind().code();
            long n = r.getValue().header().monoNanos();
            if (n <= last[p]) {
                if (bad < 10) {
                    System.out.printf("out of order: pid %d kind %s mono %d after %d, id %s%n",
                            r.getValue().header().pid(), r.getValue().kind().id(), n, last[p], r.getKey());
                }
                bad++;
            }
            last[p] = n;
        }
        return bad;
    }
}
