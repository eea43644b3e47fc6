package io.infrasight.sink.kafka.internal;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.delivery.Acks;
import io.infrasight.api.delivery.CounterSource;
import io.infrasight.api.event.Event;
import io.infrasight.api.spi.AlertSink;
import io.infrasight.api.spi.EventSubscriber;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sink without OSGi: encodes on the bus worker that calls it, then hands the records to the
 * {@link Forwarder}'s thread. The DS component and the tests both build it.
 */
final class KafkaSink implements AutoCloseable, CounterSource {
    private final Forwarder forwarder;
    private final AtomicLong seq = new AtomicLong();
    private final String runId;
    private final String prefix;
    private final String node;

    KafkaSink(Properties producerProps, Path spoolDir, long spoolMaxBytes, String prefix, String node,
            int handoffCapacity, java.util.Collection<io.infrasight.api.event.EventKind> kinds) throws IOException {
        this.prefix = prefix;
        this.node = node;
        this.runId = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        Spool spool = new Spool(spoolDir, spoolMaxBytes, Math.max(1 << 20, Math.min(64L << 20, spoolMaxBytes / 16)));
        List<String> topics = new ArrayList<>();
        for (io.infrasight.api.event.EventKind k : kinds) {
            topics.add(prefix + ".events." + k.id());
        }
        topics.add(prefix + ".alerts");
        this.forwarder = new Forwarder(() -> ProducerSettings.create(producerProps), topics, spool, handoffCapacity);
    }

    void start() {
        forwarder.start("infrasight-kafka-sink");
    }

    EventSubscriber events() {
        return new EventSubscriber() {
            private final RecordEncoder encoder = new RecordEncoder(prefix, runId, node);
            private final List<OutRecord> out = new ArrayList<>(1024);

            @Override
            public String id() {
                return "sink-kafka-events";
            }

            @Override
            public void onEvents(List<Event> batch) {
                out.clear();
                for (Event e : batch) {
                    if (e.header().context().get(Acks.TOKEN) != null) {
                        // came from Kafka (a source on this bus): sending it back would loop
                        forwarder.skip();
                        continue;
                    }
                    try {
                        out.add(encoder.encode(e, seq.incrementAndGet()));
                    } catch (RuntimeException ex) {
                        forwarder.drop("encode_error", 1);
                    }
                }
                forwarder.offer(out);
            }
        };
    }

    AlertSink alerts() {
        return new AlertSink() {
            private final RecordEncoder encoder = new RecordEncoder(prefix, runId, node);

            @Override
            public String id() {
                return "sink-kafka-alerts";
            }

            @Override
            public void onAlerts(List<Alert> batch) {
                List<OutRecord> out = new ArrayList<>(batch.size());
                for (Alert a : batch) {
                    try {
                        out.add(encoder.encode(a, seq.incrementAndGet()));
                    } catch (RuntimeException ex) {
                        forwarder.drop("encode_error", 1);
                    }
                }
                forwarder.offer(out);
            }
        };
    }

    @Override
    public String id() {
        return "sink-kafka";
    }

    @Override
    public Map<String, Long> counters() {
        return forwarder.counters();
    }

    String mode() {
        return forwarder.mode();
    }

    String lastError() {
        return forwarder.lastError();
    }

    @Override
    public void close() throws InterruptedException {
        forwarder.stop(Duration.ofSeconds(5));
    }
}
