package io.infrasight.sink.kafka.internal;

import io.infrasight.api.status.ConfigProblem;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Producer properties from the configuration, and producer creation inside OSGi. */
final class ProducerSettings {
    private ProducerSettings() {
    }

    static Properties from(KafkaSinkConfig c, String clientId, List<ConfigProblem> problems) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrap_servers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        // idempotence keeps per-partition order across the producer's own retries
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, c.compression_type());
        p.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(Math.max(0, c.linger_ms())));
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(Math.max(1024, c.batch_size())));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(Math.max(1, c.buffer_memory_mb()) * 1024L * 1024L));
        int delivery = Math.max(1000, c.delivery_timeout_ms());
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(delivery));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(Math.min(5000, delivery - 100 - c.linger_ms())));
        // a full buffer or missing metadata must fail fast: the sender thread then spools
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000");
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.METRIC_REPORTER_CLASSES_CONFIG, "");
        p.put("auto.include.jmx.reporter", "false");
        security(p, c.security_protocol(), c.sasl_mechanism(), c.sasl_jaas_config(), c.ssl_truststore_location(),
                c.ssl_truststore_password(), c.ssl_keystore_location(), c.ssl_keystore_password(),
                c.ssl_key_password());
        extra(p, c.producer_properties(), KafkaSinkConfig.PID, "producer.properties", problems);
        return p;
    }

    /** TLS and SASL settings; passwords go to the client only, whose own config log hides them. */
    static void security(Properties p, String protocol, String mechanism, String jaas, String trust,
            String trustPw, String key, String keyPw, String keyPass) {
        putIfSet(p, "security.protocol", protocol);
        putIfSet(p, "sasl.mechanism", mechanism);
        putIfSet(p, "sasl.jaas.config", jaas);
        putIfSet(p, "ssl.truststore.location", trust);
        putIfSet(p, "ssl.truststore.password", trustPw);
        putIfSet(p, "ssl.keystore.location", key);
        putIfSet(p, "ssl.keystore.password", keyPw);
        putIfSet(p, "ssl.key.password", keyPass);
    }

    /** key=value lines; a line without '=' is reported by name only, since it may hold a secret. */
    static void extra(Properties p, String[] lines, String pid, String property, List<ConfigProblem> problems) {
        for (String line : lines == null ? new String[0] : lines) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                problems.add(new ConfigProblem(pid, property, "(hidden)", "each entry must be key=value; ignored"));
                continue;
            }
            p.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
    }

    private static void putIfSet(Properties p, String k, String v) {
        if (v != null && !v.isBlank()) {
            p.put(k, v);
        }
    }

    /**
     * Makes a new producer learn the topics' metadata. Otherwise the first send to a topic that the
     * producer has no metadata for blocks up to max.block.ms (longer while the broker auto-creates
     * it), which would count as an outage. A topic that times out while others answered is asked
     * again (the broker is still creating it); two timeouts with no answer at all mean the broker
     * is likely away, and the sends will say so.
     */
    static void warmUp(Producer<byte[], byte[]> p, List<String> topics, java.util.function.BooleanSupplier running) {
        boolean reachable = false;
        int timeouts = 0;
        for (String t : topics) {
            for (int attempt = 0; attempt < 3 && running.getAsBoolean(); attempt++) {
                try {
                    p.partitionsFor(t);
                    reachable = true;
                    break;
                } catch (RuntimeException e) {
                    timeouts++;
                    if (!reachable) {
                        break; // perhaps the broker is away: do not wait for every topic
                    }
                }
            }
            if (!reachable && timeouts >= 2) {
                break;
            }
        }
    }

    /**
     * Creates the producer with no thread context class loader: kafka-clients otherwise resolves
     * serializers, login callbacks and metric reporters through it and fails inside OSGi (FACTS.md).
     */
    static Producer<byte[], byte[]> create(Properties p) {
        Thread t = Thread.currentThread();
        ClassLoader saved = t.getContextClassLoader();
        t.setContextClassLoader(null);
        try {
            return new KafkaProducer<>(p);
        } finally {
            t.setContextClassLoader(saved);
        }
    }
}
