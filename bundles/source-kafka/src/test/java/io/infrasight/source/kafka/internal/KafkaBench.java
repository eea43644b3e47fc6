package io.infrasight.source.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.Event;
import io.infrasight.api.spi.EventPublisher;
import io.infrasight.api.status.SubscriberStatus;
import io.infrasight.core.internal.Bus;
import io.infrasight.sink.kafka.internal.AgentSide;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a unit test: figures for docs/benchmarks.md. Run by scripts/kafka/bench.sh, which pins this
 * JVM to one core and the broker to the other. Enabled only with -Dkafka.bench=true.
 */
@EnabledIfSystemProperty(named = "kafka.bench", matches = "true")
class KafkaBench {
    @TempDir
    Path tmp;

    private static String bootstrap() {
        return System.getProperty("kafka.bootstrap", "127.0.0.1:19092");
    }

    @Test
    void agentToBrokerThroughputWithLz4() throws Exception {
        int total = Integer.getInteger("kafka.bench.events", 2_000_000);
        for (int round = 1; round <= 3; round++) {
            String prefix = "bench" + System.nanoTime();
            Bus bus = new Bus(65536, 1_000_000);
            try (AgentSide agent = new AgentSide(bootstrap(), tmp.resolve("spool" + round), prefix, Map.of())) {
                bus.addSubscriber(agent.events(), null, 65536);
                EventPublisher pub = bus.publisher("bench");
                // warm-up: topics, JIT
                publishPaced(pub, agent, 0, 100_000);
                awaitSent(agent, 100_000);
                long sent0 = agent.counters().get("sent");
                long t0 = System.nanoTime();
                publishPaced(pub, agent, 100_000, 100_000 + total);
                awaitSent(agent, sent0 + total);
                double secs = (System.nanoTime() - t0) / 1e9;
                long drops = 0;
                for (SubscriberStatus s : bus.status().subscribers()) {
                    drops += s.droppedTotal();
                }
                System.out.printf("BENCH throughput round %d: %d events in %.2f s = %.0f events/s (bus drops %d, "
                        + "cpus %d, agent %s)%n", round, total, secs, total / secs, drops,
                        Runtime.getRuntime().availableProcessors(), agent.counters());
                assertEquals(0, drops);
            } finally {
                bus.close();
            }
        }
    }

    /** Keeps at most ~200k events between the publisher and the broker, so the bus never drops. */
    private static void publishPaced(EventPublisher pub, AgentSide agent, long from, long to)
            throws InterruptedException {
        long base = agent.counters().get("sent") - from;
        List<Event> batch = new ArrayList<>(1000);
        for (long n = from; n < to; n++) {
            batch.add(Streams.event(n));
            if (batch.size() == 1000) {
                while (n - (agent.counters().get("sent") - base) > 50_000) {
                    Thread.sleep(0, 200_000);
                }
                pub.publish(batch);
                batch = new ArrayList<>(1000);
            }
        }
        if (!batch.isEmpty()) {
            pub.publish(batch);
        }
    }

    private static void awaitSent(AgentSide agent, long n) throws InterruptedException {
        assertTrue(Streams.await(() -> agent.counters().get("sent") >= n, 600), agent.counters().toString());
    }

    @Test
    void endToEndLatencyAtTenThousandEventsPerSecond() throws Exception {
        for (String linger : new String[] {"20", "5"}) {
            String prefix = "lat" + System.nanoTime();
            int rate = 10_000;
            int seconds = Integer.getInteger("kafka.bench.seconds", 30);
            Bus agentBus = new Bus(65536, 1_000_000);
            try (AgentSide agent = new AgentSide(bootstrap(), tmp.resolve("l" + linger), prefix,
                    Map.of("linger.ms", linger));
                    ServerSide server = new ServerSide(bootstrap(), prefix, "g-" + prefix, 1 << 20)) {
                agentBus.addSubscriber(agent.events(), null, 65536);
                // let the consumer group form before measuring
                Streams.publish(agentBus.publisher("bench"), 0, 2_000, 1_000, () -> true);
                assertTrue(Streams.await(() -> server.deliveriesById.size() >= 2_000, 120));
                server.received.clear();
                server.latencies.clear();
                long from = 1_000_000;
                Streams.publishStamped(agentBus.publisher("bench"), from, from + (long) rate * seconds, rate);
                long total = (long) rate * seconds;
                assertTrue(Streams.await(() -> server.received.size() >= total, 120), server.source.counters()
                        .toString());
                long[] lat = server.latencies.stream().mapToLong(Long::longValue).toArray();
                Arrays.sort(lat);
                System.out.printf("BENCH latency linger.ms=%s at %d events/s for %d s: n=%d p50 %.1f ms, p99 %.1f ms, "
                        + "max %.1f ms%n", linger, rate, seconds, lat.length, lat[lat.length / 2] / 1e6,
                        lat[(int) (lat.length * 0.99)] / 1e6, lat[lat.length - 1] / 1e6);
            } finally {
                agentBus.close();
            }
        }
    }
}
