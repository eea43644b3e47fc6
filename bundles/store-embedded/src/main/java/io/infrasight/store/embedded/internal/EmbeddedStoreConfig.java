package io.infrasight.store.embedded.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight embedded store",
        description = "Stores events and alerts in an in-process DuckDB database (the standalone default).")
public @interface EmbeddedStoreConfig {
    String PID = "io.infrasight.store.embedded";

    @AttributeDefinition(name = "Directory",
            description = "Where the database lives. Empty means store/ under the distribution's data folder (karaf.data).")
    String directory() default "";

    @AttributeDefinition(name = "Database file",
            description = "Not infrasight.*: DuckDB names the catalog after the file, and it would hide the infrasight schema.")
    String file() default "events.duckdb";

    @AttributeDefinition(name = "Event kinds",
            description = "Kinds stored, e.g. exec,open; unset for all. The bus reads it as the service property infrasight.kinds.")
    String[] infrasight_kinds() default {};

    @AttributeDefinition(name = "Bus queue capacity", min = "1024",
            description = "Events the bus queues for this store before it drops and counts (service property infrasight.queue.capacity).")
    int infrasight_queue_capacity() default 65536;

    @AttributeDefinition(name = "Batch size (rows)", min = "1")
    int batch_size() default 10000;

    @AttributeDefinition(name = "Flush interval (ms)", min = "10")
    int flush_interval_ms() default 1000;

    @AttributeDefinition(name = "Buffer (rows)", min = "1000",
            description = "Rows held while the database is busy; beyond this, rows are dropped and counted.")
    int buffer_rows() default 200000;

    @AttributeDefinition(name = "Retention (days)", min = "0",
            description = "Whole days kept, today included; older rows are deleted hourly. 0 keeps everything.")
    int retention_days() default 7;

    @AttributeDefinition(name = "Memory limit (MiB)", min = "64", description = "DuckDB's memory_limit.")
    int memory_limit_mb() default 256;

    @AttributeDefinition(name = "Threads", min = "1", description = "DuckDB worker threads for queries.")
    int threads() default 1;

    @AttributeDefinition(name = "Query row limit", min = "1")
    int query_max_rows() default 10000;

    @AttributeDefinition(name = "Query timeout (s)", min = "1")
    int query_timeout_s() default 30;
}
