package io.infrasight.source.kafka.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight Kafka source",
        description = "Consumes <prefix>.events.<kind> as a consumer group and publishes the events on the bus. "
                + "Offsets are committed only after the subscribers named in ack.subscribers acknowledged the "
                + "events (at-least-once). Malformed records go to the dead letter topic with the reason.")
public @interface KafkaSourceConfig {
    String PID = "io.infrasight.source.kafka";

    @AttributeDefinition(name = "Bootstrap servers", description = "host:port[,host:port]. Required.")
    String bootstrap_servers() default "";

    @AttributeDefinition(name = "Consumer group")
    String group_id() default "infrasight-server";

    @AttributeDefinition(name = "Topic prefix")
    String topic_prefix() default "infrasight";

    @AttributeDefinition(name = "Dead letter topic")
    String deadletter_topic() default "infrasight.deadletter";

    @AttributeDefinition(name = "Acknowledging subscribers", description = "Ids of the subscribers that must "
            + "acknowledge an event (AckReceiver) before its offset is committed, e.g. sink-clickhouse. They must "
            + "take every kind. Empty: offsets are committed once events are handed to the bus.")
    String[] ack_subscribers() default {};

    @AttributeDefinition(name = "Acknowledgement timeout (ms)", min = "1000", description = "An event not "
            + "acknowledged in this time is delivered again (from its partition's oldest unacknowledged offset).")
    int ack_timeout_ms() default 60000;

    @AttributeDefinition(name = "Unacknowledged events at most", min = "1000", description = "Consumption "
            + "pauses above it, so that a stalled store holds back the consumer instead of filling memory.")
    int max_pending() default 200000;

    @AttributeDefinition(name = "Largest record (bytes)", min = "1024", description = "Larger records go to the "
            + "dead letter topic as 'oversized'.")
    int max_record_bytes() default 1048576;

    @AttributeDefinition(name = "Security protocol", description = "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.")
    String security_protocol() default "PLAINTEXT";

    @AttributeDefinition(name = "SASL mechanism")
    String sasl_mechanism() default "";

    @AttributeDefinition(name = "SASL JAAS config", type = AttributeType.PASSWORD)
    String sasl_jaas_config() default "";

    @AttributeDefinition(name = "Truststore location")
    String ssl_truststore_location() default "";

    @AttributeDefinition(name = "Truststore password", type = AttributeType.PASSWORD)
    String ssl_truststore_password() default "";

    @AttributeDefinition(name = "Keystore location")
    String ssl_keystore_location() default "";

    @AttributeDefinition(name = "Keystore password", type = AttributeType.PASSWORD)
    String ssl_keystore_password() default "";

    @AttributeDefinition(name = "Key password", type = AttributeType.PASSWORD)
    String ssl_key_password() default "";

    @AttributeDefinition(name = "Extra consumer properties", description = "key=value lines; never logged.")
    String[] consumer_properties() default {};
}
