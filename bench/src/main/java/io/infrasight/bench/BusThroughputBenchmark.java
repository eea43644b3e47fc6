package io.infrasight.bench;

import io.infrasight.api.event.Event;
import io.infrasight.api.spi.Enricher;
import io.infrasight.api.spi.EventPublisher;
import io.infrasight.api.status.BusStatus;
import io.infrasight.api.status.EnricherStatus;
import io.infrasight.api.status.SubscriberStatus;
import io.infrasight.bench.Fixtures.ContainersEnricher;
import io.infrasight.bench.Fixtures.CountingSubscriber;
import io.infrasight.bench.Fixtures.UsersEnricher;
import io.infrasight.core.internal.Bus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 2: one source, two enrichers, three subscribers. The score is events per second that reached
 * <em>all three</em> subscribers: each invocation publishes {@value #EVENTS} events and returns only
 * when every subscriber's counter has them.
 * <p>
 * The bus never blocks a source; what does not fit a subscriber's queue is dropped. To measure what
 * the bus moves without loss, the source keeps at most {@code capacity - batch} events in flight
 * (published but not yet received by the slowest subscriber), so a queue can never overflow. Any drop
 * the bus reports anyway fails the iteration.
 * <p>
 * {@link #handoffBaseline} does the same work (same events, same enrichers on the source thread, same
 * subscribers) with the JDK's plain tool: an {@link ArrayBlockingQueue} per consumer thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class BusThroughputBenchmark {
    /** Events per benchmark invocation; JMH divides by it, so the score is events/s. */
    static final int EVENTS = 1 << 18;
    static final int SUBSCRIBERS = 3;
    /** The bus's default enricher budget (100 µs), as BusConfig ships it. */
    static final long ENRICHER_BUDGET_NANOS = 100_000L;

    @State(Scope.Benchmark)
    public static class BusState {
        @Param({"256"})
        public int batch;

        /** Per-subscriber queue capacity; 65536 is the bus's default. */
        @Param({"65536"})
        public int capacity;

        Bus bus;
        EventPublisher publisher;
        CountingSubscriber[] subs;
        Event[] events;
        List<List<Event>> batches;
        long published;
        long window;

        @Setup(Level.Trial)
        public void setUp() {
            bus = new Bus(capacity, ENRICHER_BUDGET_NANOS);
            // Ranking decides the order: users (200) first, then containers (100) merges onto its context.
            bus.addEnricher(new UsersEnricher(), 200, 1, null);
            bus.addEnricher(new ContainersEnricher(), 100, 2, null);
            subs = new CountingSubscriber[SUBSCRIBERS];
            for (int i = 0; i < SUBSCRIBERS; i++) {
                subs[i] = new CountingSubscriber("bench-sub-" + i);
                bus.addSubscriber(subs[i], null, null);
            }
            publisher = bus.publisher("bench");
            events = Fixtures.events(EVENTS);
            batches = Fixtures.batches(events, batch);
            window = capacity - batch;
            published = 0;
        }

        /** A run with drops is not a result: fail it, loudly, with the bus's own counters. */
        @TearDown(Level.Iteration)
        public void checkNoLoss() {
            Fixtures.awaitReceived(subs, published);
            BusStatus st = settledStatus();
            StringBuilder problems = new StringBuilder();
            if (st.published() != published) {
                problems.append(" bus counted ").append(st.published()).append(" published, the benchmark ")
                        .append(published).append(';');
            }
            for (SubscriberStatus s : st.subscribers()) {
                if (s.droppedTotal() > 0 || s.failures() > 0 || s.delivered() != published) {
                    problems.append(' ').append(s.id()).append(": delivered ").append(s.delivered())
                            .append(", dropped ").append(s.dropped()).append(", failures ").append(s.failures())
                            .append(';');
                }
            }
            for (EnricherStatus e : st.enrichers()) {
                if (e.errors() > 0) {
                    problems.append(' ').append(e.id()).append(": ").append(e.errors()).append(" errors;");
                }
            }
            for (CountingSubscriber s : subs) {
                if (s.unenriched() > 0) {
                    problems.append(' ').append(s.id()).append(": ").append(s.unenriched())
                            .append(" events without enrichment;");
                }
            }
            if (problems.length() > 0) {
                throw new IllegalStateException("LOSS OR ERRORS after " + published + " events:" + problems);
            }
            System.out.printf("  [bus status] published %d, delivered %d/%d/%d, dropped 0, enricher avg %.0f/%.0f ns,"
                    + " slow %d/%d%n", st.published(), st.subscribers().get(0).delivered(),
                    st.subscribers().get(1).delivered(), st.subscribers().get(2).delivered(),
                    st.enrichers().get(0).avgNanos(), st.enrichers().get(1).avgNanos(), st.enrichers().get(0).slow(),
                    st.enrichers().get(1).slow());
        }

        /** The bus bumps its delivered counter just after onEvents returns; give it a moment to catch up. */
        private BusStatus settledStatus() {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (true) {
                BusStatus st = bus.status();
                boolean settled = true;
                for (SubscriberStatus s : st.subscribers()) {
                    settled &= s.delivered() + s.droppedTotal() >= published;
                }
                if (settled || System.nanoTime() - deadline > 0) {
                    return st;
                }
                Thread.yield();
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            bus.close();
        }
    }

    /** The scenario of issue 2: batches via {@code publish(List)}. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void busBatch(BusState s) {
        long base = s.published;
        int b = s.batch;
        List<List<Event>> batches = s.batches;
        for (int i = 0, n = batches.size(); i < n; i++) {
            // Room for this batch in the slowest subscriber's queue, or wait for it.
            Fixtures.awaitReceived(s.subs, base + (long) (i + 1) * b - s.window);
            s.publisher.publish(batches.get(i));
        }
        s.published = base + EVENTS;
        Fixtures.awaitReceived(s.subs, s.published);
    }

    /** Same stream, one {@code publish(Event)} per event: what batching buys. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void busSingle(BusState s) {
        long base = s.published;
        int b = s.batch;
        Event[] events = s.events;
        for (int i = 0; i < EVENTS; i++) {
            if (i % b == 0) {
                Fixtures.awaitReceived(s.subs, base + i + b - s.window);
            }
            s.publisher.publish(events[i]);
        }
        s.published = base + EVENTS;
        Fixtures.awaitReceived(s.subs, s.published);
    }

    @State(Scope.Benchmark)
    public static class HandoffState {
        @Param({"65536"})
        public int capacity;

        Enricher users;
        Enricher containers;
        CountingSubscriber[] subs;
        List<ArrayBlockingQueue<Event>> queues;
        List<Thread> consumers;
        Event[] events;
        long published;

        @Setup(Level.Trial)
        public void setUp() {
            users = new UsersEnricher();
            containers = new ContainersEnricher();
            events = Fixtures.events(EVENTS);
            subs = new CountingSubscriber[SUBSCRIBERS];
            queues = new ArrayList<>();
            consumers = new ArrayList<>();
            for (int i = 0; i < SUBSCRIBERS; i++) {
                CountingSubscriber sub = new CountingSubscriber("abq-sub-" + i);
                ArrayBlockingQueue<Event> q = new ArrayBlockingQueue<>(capacity);
                subs[i] = sub;
                queues.add(q);
                Thread t = new Thread(() -> consume(q, sub), "abq-consumer-" + i);
                t.setDaemon(true);
                consumers.add(t);
                t.start();
            }
        }

        /** Blocks for the first event, then takes what else is there (up to 1024), as the bus's lanes do. */
        private static void consume(ArrayBlockingQueue<Event> q, CountingSubscriber sub) {
            List<Event> batch = new ArrayList<>(1024);
            try {
                while (true) {
                    batch.add(q.take());
                    q.drainTo(batch, 1023);
                    sub.onEvents(batch);
                    batch.clear();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @TearDown(Level.Iteration)
        public void checkNoLoss() {
            Fixtures.awaitReceived(subs, published);
            for (CountingSubscriber s : subs) {
                if (s.received() != published || s.unenriched() > 0) {
                    throw new IllegalStateException(s.id() + ": received " + s.received() + " of " + published
                            + ", unenriched " + s.unenriched());
                }
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            for (Thread t : consumers) {
                t.interrupt();
            }
            for (Thread t : consumers) {
                t.join(5_000);
            }
        }
    }

    /** Baseline: enrich on the source thread, then put() into one ArrayBlockingQueue per consumer. */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public void handoffBaseline(HandoffState s) throws InterruptedException {
        Event[] events = s.events;
        Enricher users = s.users;
        Enricher containers = s.containers;
        List<ArrayBlockingQueue<Event>> queues = s.queues;
        for (int i = 0; i < EVENTS; i++) {
            Event e = containers.enrich(users.enrich(events[i]));
            for (int q = 0; q < SUBSCRIBERS; q++) {
                queues.get(q).put(e); // blocks when full: back-pressure, never a drop
            }
        }
        s.published += EVENTS;
        Fixtures.awaitReceived(s.subs, s.published);
    }
}
