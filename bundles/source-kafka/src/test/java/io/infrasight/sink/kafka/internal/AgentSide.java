package io.infrasight.sink.kafka.internal;

import io.infrasight.api.spi.EventSubscriber;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** The sink as the agent runs it, opened up for the tests of the source module (same package). */
public final class AgentSide implements AutoCloseable {
    private final KafkaSink sink;

    public AgentSide(String bootstrap, Path spool, String prefix, Map<String, String> overrides) throws IOException {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        p.put("compression.type", "lz4");
        p.put("linger.ms", "20");
        p.put("batch.size", "262144");
        p.put("buffer.memory", Long.toString(64L << 20));
        p.put("delivery.timeout.ms", "15000");
        p.put("request.timeout.ms", "5000");
        p.put("max.block.ms", "2000");
        p.put("reconnect.backoff.max.ms", "2000");
        p.put("auto.include.jmx.reporter", "false");
        p.put("key.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        p.put("value.serializer", "org.apache.kafka.common.serialization.ByteArraySerializer");
        p.putAll(overrides);
        sink = new KafkaSink(p, spool, 512L << 20, prefix, "node-test", 131072,
                java.util.List.of(io.infrasight.api.event.EventKind.OPEN, io.infrasight.api.event.EventKind.EXEC));
        sink.start();
    }

    public EventSubscriber events() {
        return sink.events();
    }

    public Map<String, Long> counters() {
        return sink.counters();
    }

    public String mode() {
        return sink.mode();
    }

    @Override
    public void close() throws InterruptedException {
        sink.close();
    }
}
