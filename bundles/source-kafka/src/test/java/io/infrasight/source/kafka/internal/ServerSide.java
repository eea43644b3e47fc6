package io.infrasight.source.kafka.internal;

import io.infrasight.api.delivery.Acks;
import io.infrasight.api.event.Event;
import io.infrasight.api.spi.EventSubscriber;
import io.infrasight.core.internal.Bus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The server role without the container: the real bus with the Kafka source on it and a "store"
 * subscriber that keeps what it receives and acknowledges each batch after keeping it.
 */
final class ServerSide implements AutoCloseable {
    final Bus bus = new Bus(65536, 1_000_000);
    final KafkaSource source;
    /** Every delivery in arrival order: event id and the event. */
    final ConcurrentLinkedQueue<Map.Entry<String, Event>> received = new ConcurrentLinkedQueue<>();
    final Map<String, Integer> deliveriesById = new ConcurrentHashMap<>();
    /** Publish-to-store latency (wall clock) of stamped events, ns. */
    final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();

    ServerSide(String bootstrap, String prefix, String group, int maxRecordBytes) {
        source = newSource(bootstrap, prefix, group, maxRecordBytes);
        EventSubscriber store = new EventSubscriber() {
            @Override
            public String id() {
                return "store";
            }

            @Override
            public void onEvents(List<Event> batch) {
                long now = Streams.wallNanos();
                for (Event e : batch) {
                    if (e.header().monoNanos() >= 1_000_000) {
                        latencies.add(now - e.header().timeNanos());
                    }
                    String id = e.header().context().getString(Acks.EVENT_ID);
                    received.add(Map.entry(id, e));
                    deliveriesById.merge(id, 1, Integer::sum);
                }
                // "stored": now the source may commit these offsets
                source.acknowledge(id(), new ArrayList<>(batch));
            }
        };
        bus.addSubscriber(store, null, 262144);
        bus.addSource(source);
    }

    /** The source as the server role configures it, waiting for acknowledgements from "store". */
    static KafkaSource newSource(String bootstrap, String prefix, String group, int maxRecordBytes) {
        Properties c = new Properties();
        c.put("bootstrap.servers", bootstrap);
        c.put("group.id", group);
        c.put("client.id", "test-source");
        c.put("enable.auto.commit", "false");
        c.put("auto.offset.reset", "earliest");
        c.put("max.poll.records", "2000");
        c.put("metadata.max.age.ms", "2000");
        // A SIGKILLed member holds its partitions until its session expires; the client default (45 s)
        // would be most of ServerKillTest's wall time. 6 s is the broker's minimum
        // (group.min.session.timeout.ms); heartbeats every second keep a live member well inside it.
        c.put("session.timeout.ms", "6000");
        c.put("heartbeat.interval.ms", "1000");
        c.put("auto.include.jmx.reporter", "false");
        c.put("key.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        c.put("value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer");
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("enable.idempotence", "false");
        p.put("delivery.timeout.ms", "30000");
        p.put("request.timeout.ms", "10000");
        p.put("auto.include.jmx.reporter", "false");
        p.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        return new KafkaSource(c, p, prefix, prefix + ".deadletter", List.of("store"), 30_000, 200_000,
                maxRecordBytes);
    }

    @Override
    public void close() {
        bus.removeSource(source);
        bus.close();
    }
}
