package io.infrasight.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.OpenEvent;
import io.infrasight.api.spi.Enricher;
import io.infrasight.api.spi.EventPublisher;
import io.infrasight.api.spi.EventSubscriber;
import io.infrasight.api.status.BusStatus;
import io.infrasight.api.status.SubscriberStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BusTest {
    private final Bus bus = new Bus(1 << 16, 100_000);

    @AfterEach
    void close() {
        bus.close();
    }

    static Event open(int i) {
        return new OpenEvent(EventHeader.of(EventKind.OPEN, i, 1, 1, 0, 0, "t"), "/f/" + i, 0, 0, "openat");
    }

    static final class Counting implements EventSubscriber {
        final String id;
        final AtomicLong count = new AtomicLong();
        final long sleepMillisPerBatch;
        final List<Event> seen = new CopyOnWriteArrayList<>();
        final boolean keep;

        Counting(String id, long sleepMillisPerBatch, boolean keep) {
            this.id = id;
            this.sleepMillisPerBatch = sleepMillisPerBatch;
            this.keep = keep;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void onEvents(List<Event> batch) {
            if (keep) {
                seen.addAll(batch);
            }
            count.addAndGet(batch.size());
            if (sleepMillisPerBatch > 0) {
                try {
                    Thread.sleep(sleepMillisPerBatch);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    static void await(BooleanSupplier cond, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    static SubscriberStatus sub(BusStatus s, String id) {
        return s.subscribers().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void slowSubscriberDropsAndCountsWhileOthersReceiveEverything() throws Exception {
        Counting fast = new Counting("fast", 0, false);
        Counting slow = new Counting("slow", 50, false);
        bus.addSubscriber(fast, null, null);
        bus.addSubscriber(slow, null, "64");
        EventPublisher pub = bus.publisher("test");
        int n = 50_000;
        List<Event> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(open(i));
            if (batch.size() == 100) {
                pub.publish(batch);
                batch.clear();
            }
        }
        await(() -> fast.count.get() == n, "fast subscriber to get all events");
        BusStatus st = bus.status();
        long dropped = sub(st, "slow").dropped().get(Route.QUEUE_FULL);
        assertTrue(dropped > 0, "slow subscriber should drop");
        await(() -> slow.count.get() + dropped == n, "slow subscriber to drain");
        assertEquals(0, sub(bus.status(), "fast").droppedTotal());
        assertEquals(n, bus.status().published());
    }

    /** A source that publishes {@code n} events as soon as it is started, and counts its stops. */
    static final class Eager implements io.infrasight.api.spi.EventSource {
        final AtomicLong stops = new AtomicLong();

        @Override
        public String id() {
            return "eager";
        }

        @Override
        public void start(EventPublisher publisher) {
            publisher.publish(java.util.stream.IntStream.range(0, 100).mapToObj(BusTest::open).toList());
        }

        @Override
        public void stop() {
            stops.incrementAndGet();
        }
    }

    @Test
    void aHeldSourceStartsOnlyWhenTheBusOpensSoSubscribersBoundAfterItMissNothing() throws Exception {
        Bus held = new Bus(1 << 16, 100_000);
        try {
            held.holdSources();
            Eager eager = new Eager();
            held.addSource(eager);                 // as SCR may bind them: the source first
            Counting sub = new Counting("late", 0, false);
            held.addSubscriber(sub, null, null);
            assertEquals(0, held.status().published(), "nothing published before open");
            held.open();
            await(() -> sub.count.get() == 100, "the subscriber to get the source's first events");
            Eager never = new Eager();
            held.holdSources();
            held.addSource(never);
            held.removeSource(never);
            assertEquals(0, never.stops.get(), "a source removed while held was never started, so never stopped");
        } finally {
            held.close();
        }
    }

    @Test
    void closingTheBusDeliversWhatIsQueuedToSubscribersThatAreStillThere() throws Exception {
        Bus closing = new Bus(1 << 16, 100_000);
        Counting slow = new Counting("slow", 20, false);   // ~1024 events per 20 ms: 20k take ~0.4 s
        closing.addSubscriber(slow, null, null);
        EventPublisher pub = closing.publisher("test");
        List<Event> batch = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            batch.add(open(i));
        }
        pub.publish(batch);
        assertTrue(slow.count.get() < 20_000, "still queued when the bus closes");
        closing.close();   // a new configuration or a shutdown
        assertEquals(20_000, slow.count.get(), "every queued event delivered before the lane closed");
    }

    @Test
    void subscribersComingAndGoingDoNotCostOthersAnEvent() throws Exception {
        Counting a = new Counting("a", 0, false);
        Counting b = new Counting("b", 0, false);
        bus.addSubscriber(a, null, null);
        bus.addSubscriber(b, null, null);
        EventPublisher pub = bus.publisher("test");
        int total = 200_000;
        Thread source = new Thread(() -> {
            for (int i = 0; i < total; i++) {
                pub.publish(open(i));
                if ((i & 1023) == 0) {
                    Thread.yield();
                }
            }
        });
        source.start();
        for (int i = 0; i < 20; i++) {
            Counting churn = new Counting("churn", 0, false);
            bus.addSubscriber(churn, null, null);
            Thread.sleep(2);
            bus.removeRoute(churn);
        }
        source.join();
        await(() -> a.count.get() == total && b.count.get() == total, "steady subscribers to get everything");
        assertEquals(0, sub(bus.status(), "a").droppedTotal());
    }

    @Test
    void enrichersRunByRankingAndFailuresLeaveEventsUnenriched() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        Enricher low = named("low", e -> {
            order.add("low");
            return e.withContext(e.header().context().with("low", true));
        });
        Enricher high = named("high", e -> {
            order.add("high");
            return e.withContext(e.header().context().with("high", true));
        });
        Enricher broken = named("broken", e -> {
            throw new IllegalStateException("boom");
        });
        bus.addEnricher(low, 1, 10, null);
        bus.addEnricher(broken, 5, 11, null);
        bus.addEnricher(high, 10, 12, null);
        Counting c = new Counting("c", 0, true);
        bus.addSubscriber(c, null, null);
        bus.publisher("p").publish(open(1));
        await(() -> c.count.get() == 1, "one event");
        assertEquals(List.of("high", "low"), order);
        Event e = c.seen.get(0);
        assertEquals(Boolean.TRUE, e.header().context().get("high"));
        assertEquals(Boolean.TRUE, e.header().context().get("low"));
        assertEquals(1, bus.status().enrichers().stream().filter(s -> s.id().equals("broken")).findFirst()
                .orElseThrow().errors());
    }

    @Test
    void kindFilterDeliversOnlyRequestedKinds() throws Exception {
        Counting execOnly = new Counting("exec-only", 0, false);
        Counting all = new Counting("all", 0, false);
        bus.addSubscriber(execOnly, "exec", null);
        bus.addSubscriber(all, null, null);
        EventPublisher p = bus.publisher("p");
        p.publish(List.of(open(1), open(2)));
        await(() -> all.count.get() == 2, "all kinds");
        Thread.sleep(50);
        assertEquals(0, execOnly.count.get());
    }

    private static Enricher named(String id, java.util.function.UnaryOperator<Event> f) {
        return new Enricher() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Event enrich(Event event) {
                return f.apply(event);
            }
        };
    }
}
