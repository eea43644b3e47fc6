package io.infrasight.source.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.Event;
import io.infrasight.api.status.SubscriberStatus;
import io.infrasight.core.internal.Bus;
import io.infrasight.sink.kafka.internal.AgentSide;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The broker goes away in the middle of a stream, long enough for a spooled backlog, and comes back. */
@Timeout(420)
class BrokerOutageTest {
    /** 5 s of the stream at 2,000/s; the broker's own stop and start add several seconds more. */
    private static final long SPOOLED_BEFORE_RESTART = 10_000;

    @TempDir
    Path tmp;

    @Test
    void brokerStoppedMidStreamUntilTenThousandEventsAreSpooledLosesNothingKeepsOrderPerProcessAndDrainsTheSpool() throws Exception {
        String prefix = "tout";
        int rate = 2_000;
        Bus agentBus = new Bus(65536, 1_000_000);
        try (KafkaBroker broker = new KafkaBroker("outage").start();
                AgentSide agent = new AgentSide(broker.bootstrap(), tmp.resolve("spool"), prefix, Map.of());
                ServerSide server = new ServerSide(broker.bootstrap(), prefix, "g-outage", 1 << 20)) {
            agentBus.addSubscriber(agent.events(), null, 65536);
            AtomicBoolean streaming = new AtomicBoolean(true);
            AtomicLong published = new AtomicLong();
            Thread producer = new Thread(() -> {
                try {
                    long n = 0;
                    while (streaming.get()) {
                        Streams.publish(agentBus.publisher("test"), n, n + rate / 10, rate, () -> true);
                        n += rate / 10;
                        published.set(n);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "test-stream");
            producer.start();
            try {
                assertTrue(Streams.await(() -> server.deliveriesById.size() > 5_000, 120), "flowing before");
                broker.stop();
                // the broker stays away until the agent holds a backlog (>= 5 s of the stream) in its
                // spool: that, not the wall time, is what the outage has to produce
                assertTrue(Streams.await(() -> agent.counters().get("spooled") >= SPOOLED_BEFORE_RESTART, 120),
                        "the agent spools while the broker is away: " + agent.counters());
                broker.start();
                // the stream goes on after the restart until events published since then are stored
                long publishedAtRestart = published.get();
                assertTrue(Streams.await(() -> server.deliveriesById.size() > publishedAtRestart + rate, 120),
                        "flowing after the restart: " + server.deliveriesById.size() + " of " + published.get()
                                + "; agent " + agent.counters());
            } finally {
                streaming.set(false);
                producer.join(30_000);
            }
            long total = published.get();
            assertTrue(Streams.await(() -> server.deliveriesById.size() >= total, 240),
                    "received " + server.deliveriesById.size() + " of " + total + "; agent " + agent.counters()
                            + "; source " + server.source.counters());
            Map<Long, String> idOfEvent = new HashMap<>();
            for (Map.Entry<String, Event> r : server.received) {
                String before = idOfEvent.putIfAbsent(r.getValue().header().monoNanos(), r.getKey());
                assertTrue(before == null || before.equals(r.getKey()), "one id per event");
            }
            assertEquals(total, idOfEvent.size(), "zero lost");
            assertEquals(total, new HashSet<>(idOfEvent.values()).size());
            assertEquals(0, Streams.outOfOrder(server.received), "order per process and kind");
            for (SubscriberStatus s : agentBus.status().subscribers()) {
                assertEquals(0, s.droppedTotal(), "agent bus drops " + s.dropped());
            }
            assertTrue(Streams.await(() -> agent.counters().get("spool_bytes") == 0
                    && agent.counters().get("mode_direct") == 1, 60), "spool drained: " + agent.counters());
            Map<String, Long> c = agent.counters();
            assertTrue(c.get("outages") >= 1, c.toString());
            assertTrue(c.get("replayed") > 0, c.toString());
            for (String k : c.keySet()) {
                if (k.startsWith("dropped_")) {
                    assertEquals(0L, c.get(k), k);
                }
            }
            System.out.printf("outage: published %d, deliveries %d (duplicates %d), agent %s, source %s%n", total,
                    server.received.size(), server.received.size() - total, c, server.source.counters());
        } finally {
            agentBus.close();
        }
    }
}
