package io.infrasight.bench;

import io.infrasight.api.event.Context;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.ExecEvent;
import io.infrasight.api.spi.Enricher;
import io.infrasight.api.spi.EventSubscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the benchmarks push through: pre-built exec events, two enrichers that behave like the real
 * ones do on a warm cache (a lookup, then a new header and a new event record per call), and a
 * subscriber that reads every event and counts it.
 */
final class Fixtures {
    /** Distinct processes (uid, cgroup) in the event stream; small enough that the enricher caches stay warm. */
    static final int PROCESSES = 64;

    private Fixtures() {
    }

    /** {@code n} exec events; process i has uid i and cgroup 1000 + i, so each enricher sees PROCESSES keys. */
    static Event[] events(int n) {
        Event[] out = new Event[n];
        for (int i = 0; i < n; i++) {
            int p = i % PROCESSES;
            EventHeader h = new EventHeader(EventKind.EXEC, 1_700_000_000_000_000_000L + i, i, 10_000 + p,
                    10_000 + p, 1, p, p, p, 1000 + p, "bench" + p, 0, 0, "node-1", Context.EMPTY);
            out[i] = new ExecEvent(h, "/usr/bin/true", List.of("true", Integer.toString(i)), false, "/", false,
                    false);
        }
        return out;
    }

    /** Splits the events into consecutive batches of {@code size}; the batches are reused for every publish. */
    static List<List<Event>> batches(Event[] events, int size) {
        if (events.length % size != 0) {
            throw new IllegalArgumentException(events.length + " events do not split into batches of " + size);
        }
        List<List<Event>> out = new ArrayList<>();
        for (int from = 0; from < events.length; from += size) {
            out.add(new ArrayList<>(List.of(events).subList(from, from + size)));
        }
        return out;
    }

    /** Attaches user.name by uid, from a table built up front (the real one caches /etc/passwd). */
    static final class UsersEnricher implements Enricher {
        private final Context[] byUid = new Context[PROCESSES];

        UsersEnricher() {
            for (int i = 0; i < PROCESSES; i++) {
                byUid[i] = Context.EMPTY.with("user.name", "user" + i);
            }
        }

        @Override
        public String id() {
            return "bench-users";
        }

        @Override
        public Event enrich(Event event) {
            EventHeader h = event.header();
            Context add = byUid[Math.floorMod(h.uid(), PROCESSES)];
            Context in = h.context();
            return event.withContext(in.isEmpty() ? add : in.with(add.asMap()));
        }
    }

    /**
     * Attaches container.id by cgroup. Merging into the incoming context is the expensive part, so the
     * merged context is cached per cgroup, keyed by the identity of the incoming context.
     */
    static final class ContainersEnricher implements Enricher {
        private record Entry(Context in, Context out) {
        }

        private final Entry[] cache = new Entry[PROCESSES];

        @Override
        public String id() {
            return "bench-containers";
        }

        @Override
        public Event enrich(Event event) {
            EventHeader h = event.header();
            int slot = (int) Math.floorMod(h.cgroupId(), (long) PROCESSES);
            Entry e = cache[slot];
            if (e == null || e.in() != h.context()) {
                e = new Entry(h.context(), h.context().with("container.id", "c" + h.cgroupId()));
                cache[slot] = e;
            }
            return event.withContext(e.out());
        }
    }

    /**
     * Reads every event (as a sink would, at minimum) and publishes its count with an ordered store; the
     * benchmark thread polls {@link #received()} to know what has arrived.
     */
    static final class CountingSubscriber implements EventSubscriber {
        private final String id;
        private final AtomicLong received = new AtomicLong();
        private long checksum;
        private long unenriched;

        CountingSubscriber(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void onEvents(List<Event> batch) {
            long sum = 0;
            long missing = 0;
            for (int i = 0, n = batch.size(); i < n; i++) {
                EventHeader h = batch.get(i).header();
                sum += h.pid();
                if (h.context().get("container.id") == null) {
                    missing++;
                }
            }
            checksum += sum;
            unenriched += missing;
            received.lazySet(received.get() + batch.size());
        }

        long received() {
            return received.get();
        }

        /** Events that arrived without the second enricher's field; must stay 0. Read after the lane is quiet. */
        long unenriched() {
            return unenriched;
        }

        long checksum() {
            return checksum;
        }
    }

    /** Smallest count over the subscribers: an event has moved only when every subscriber has it. */
    static long minReceived(CountingSubscriber[] subs) {
        long min = Long.MAX_VALUE;
        for (CountingSubscriber s : subs) {
            min = Math.min(min, s.received());
        }
        return min;
    }

    /**
     * Waits, politely (2 cores, 4 busy threads), until every subscriber has at least {@code target} events.
     * Gives up after 30 s: with drops the target is never reached, and a hung benchmark reports nothing.
     */
    static void awaitReceived(CountingSubscriber[] subs, long target) {
        int spins = 0;
        long deadline = 0;
        while (minReceived(subs) < target) {
            if (++spins < 32) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
                if ((spins & 1023) == 0) {
                    long now = System.nanoTime();
                    if (deadline == 0) {
                        deadline = now + 30_000_000_000L;
                    } else if (now - deadline > 0) {
                        throw new IllegalStateException("stalled: subscribers have " + minReceived(subs)
                                + " of " + target + " events after 30 s (dropped events never arrive)");
                    }
                }
            }
        }
    }
}
