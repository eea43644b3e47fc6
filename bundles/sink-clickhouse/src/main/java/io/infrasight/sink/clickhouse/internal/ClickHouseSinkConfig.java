package io.infrasight.sink.clickhouse.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight ClickHouse sink",
        description = "Stores events and alerts in ClickHouse over HTTP, in batches, with retries and retention.")
public @interface ClickHouseSinkConfig {
    String PID = "io.infrasight.sink.clickhouse";

    @AttributeDefinition(name = "URL", description = "The server's HTTP interface, e.g. http://127.0.0.1:8123.")
    String url() default "http://127.0.0.1:8123";

    @AttributeDefinition(name = "User")
    String user() default "default";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
            description = "Never logged. Leave empty to read it from the password file.")
    String password() default "";

    @AttributeDefinition(name = "Password file",
            description = "A file holding the password (first line), e.g. the one scripts/clickhouse/start.sh writes.")
    String password_file() default "";

    @AttributeDefinition(name = "Database")
    String database() default "infrasight";

    @AttributeDefinition(name = "Event kinds",
            description = "Kinds stored, e.g. exec,open; unset for all. The bus reads it as the service property infrasight.kinds.")
    String[] infrasight_kinds() default {};

    @AttributeDefinition(name = "Bus queue capacity", min = "1024",
            description = "Events the bus queues for this store before it drops and counts (service property infrasight.queue.capacity).")
    int infrasight_queue_capacity() default 65536;

    @AttributeDefinition(name = "Batch size (rows)", min = "1")
    int batch_size() default 20000;

    @AttributeDefinition(name = "Flush interval (ms)", min = "10",
            description = "A partial batch is written at the latest this long after its first row.")
    int flush_interval_ms() default 1000;

    @AttributeDefinition(name = "Buffer (rows)", min = "1000",
            description = "Rows held while the server is slow or away; beyond this, rows are dropped and counted.")
    int buffer_rows() default 1000000;

    @AttributeDefinition(name = "Maximum retry backoff (ms)", min = "100")
    int retry_backoff_max_ms() default 30000;

    @AttributeDefinition(name = "Retention (days)", min = "0",
            description = "Whole days kept, today included; older daily partitions are dropped. 0 keeps everything.")
    int retention_days() default 30;

    @AttributeDefinition(name = "Query row limit", min = "1")
    int query_max_rows() default 10000;

    @AttributeDefinition(name = "Query timeout (s)", min = "1")
    int query_timeout_s() default 30;

    @AttributeDefinition(name = "Request timeout (s)", min = "1",
            description = "Connect and read timeout of inserts and schema statements.")
    int request_timeout_s() default 30;
}
