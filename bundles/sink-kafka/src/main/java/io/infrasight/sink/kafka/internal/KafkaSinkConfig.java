package io.infrasight.sink.kafka.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight Kafka sink",
        description = "Sends events to <prefix>.events.<kind> and alerts to <prefix>.alerts, keyed by node and "
                + "process, as EventJson with an event id. While the broker is unreachable, records go to a "
                + "bounded on-disk spool and are replayed in order when it returns.")
public @interface KafkaSinkConfig {
    String PID = "io.infrasight.sink.kafka";

    @AttributeDefinition(name = "Bootstrap servers", description = "host:port[,host:port]. The only setting an "
            + "operator must give; empty keeps the sink idle (spooling nothing).")
    String bootstrap_servers() default "";

    @AttributeDefinition(name = "Topic prefix")
    String topic_prefix() default "infrasight";

    @AttributeDefinition(name = "Event kinds", description = "Kinds sent; empty for all.")
    String[] kinds() default {};

    @AttributeDefinition(name = "Send alerts", description = "Also send alerts to <prefix>.alerts.")
    boolean alerts_enabled() default true;

    @AttributeDefinition(name = "Node name", description = "Used in the record key when an event has none; "
            + "empty means the host name.")
    String node() default "";

    @AttributeDefinition(name = "Compression", description = "none, gzip, snappy, lz4 or zstd.")
    String compression_type() default "lz4";

    @AttributeDefinition(name = "Linger (ms)", min = "0")
    int linger_ms() default 20;

    @AttributeDefinition(name = "Batch size (bytes)", min = "1024")
    int batch_size() default 262144;

    @AttributeDefinition(name = "Producer buffer (MiB)", min = "1")
    int buffer_memory_mb() default 64;

    @AttributeDefinition(name = "Delivery timeout (ms)", min = "1000", description = "How long the producer "
            + "retries a record before the sink declares an outage and spools.")
    int delivery_timeout_ms() default 15000;

    @AttributeDefinition(name = "In-memory hand-off (records)", min = "1024", description = "Between the bus "
            + "worker and the sender thread; when full the bus worker waits at most 50 ms, then drops.")
    int handoff_capacity() default 131072;

    @AttributeDefinition(name = "Spool directory", description = "Empty: <karaf.data>/kafka-spool.")
    String spool_directory() default "";

    @AttributeDefinition(name = "Spool size (MiB)", min = "1", description = "Beyond it records are dropped, "
            + "counted as spool_full.")
    int spool_max_mb() default 1024;

    @AttributeDefinition(name = "Security protocol", description = "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.")
    String security_protocol() default "PLAINTEXT";

    @AttributeDefinition(name = "SASL mechanism", description = "PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 ...")
    String sasl_mechanism() default "";

    @AttributeDefinition(name = "SASL JAAS config", type = AttributeType.PASSWORD)
    String sasl_jaas_config() default "";

    @AttributeDefinition(name = "Truststore location")
    String ssl_truststore_location() default "";

    @AttributeDefinition(name = "Truststore password", type = AttributeType.PASSWORD)
    String ssl_truststore_password() default "";

    @AttributeDefinition(name = "Keystore location", description = "For mutual TLS.")
    String ssl_keystore_location() default "";

    @AttributeDefinition(name = "Keystore password", type = AttributeType.PASSWORD)
    String ssl_keystore_password() default "";

    @AttributeDefinition(name = "Key password", type = AttributeType.PASSWORD)
    String ssl_key_password() default "";

    @AttributeDefinition(name = "Extra producer properties", description = "key=value lines passed to the "
            + "producer as they are; never logged.")
    String[] producer_properties() default {};
}
