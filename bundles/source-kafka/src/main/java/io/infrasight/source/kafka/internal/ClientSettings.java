package io.infrasight.source.kafka.internal;

import io.infrasight.api.status.ConfigProblem;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Consumer and dead letter producer properties from the configuration. */
final class ClientSettings {
    private ClientSettings() {
    }

    static Properties consumer(KafkaSourceConfig c, List<ConfigProblem> problems) {
        Properties p = common(c);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, c.group_id());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "infrasight-source");
        // we commit ourselves, after acknowledgement
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        // new <prefix>.events.<kind> topics appear as agents send new kinds; find them within seconds
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "5000");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        extra(p, c.consumer_properties(), problems);
        return p;
    }

    static Properties deadletterProducer(KafkaSourceConfig c) {
        Properties p = common(c);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "infrasight-source-deadletter");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // not idempotent: on a dead letter topic the broker has just created, the idempotent
        // producer was seen retrying OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout,
        // stalling the consumer; a duplicated dead letter costs nothing
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // delivery timeout must cover linger (5 ms by default since Kafka 4) plus the request timeout
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    private static Properties common(KafkaSourceConfig c) {
        Properties p = new Properties();
        p.put("bootstrap.servers", c.bootstrap_servers());
        p.put("auto.include.jmx.reporter", "false");
        putIfSet(p, "security.protocol", c.security_protocol());
        putIfSet(p, "sasl.mechanism", c.sasl_mechanism());
        putIfSet(p, "sasl.jaas.config", c.sasl_jaas_config());
        putIfSet(p, "ssl.truststore.location", c.ssl_truststore_location());
        putIfSet(p, "ssl.truststore.password", c.ssl_truststore_password());
        putIfSet(p, "ssl.keystore.location", c.ssl_keystore_location());
        putIfSet(p, "ssl.keystore.password", c.ssl_keystore_password());
        putIfSet(p, "ssl.key.password", c.ssl_key_password());
        return p;
    }

    /** key=value lines; a bad line is reported without its value, which may be a secret. */
    private static void extra(Properties p, String[] lines, List<ConfigProblem> problems) {
        for (String line : lines == null ? new String[0] : lines) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                problems.add(new ConfigProblem(KafkaSourceConfig.PID, "consumer.properties", "(hidden)",
                        "each entry must be key=value; ignored"));
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
}
