package io.infrasight.sink.jsonl.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight JSON lines sink",
        description = "Writes alerts (and optionally events) as one JSON object per line, rotating by size.")
public @interface JsonlSinkConfig {
    String PID = "io.infrasight.sink.jsonl";

    @AttributeDefinition(name = "Directory",
            description = "Where the files go. Empty means the distribution's data folder (karaf.data).")
    String directory() default "";

    @AttributeDefinition(name = "Write events", description = "Also write every event to events.jsonl (high volume).")
    boolean events_enabled() default false;

    @AttributeDefinition(name = "Events file name")
    String events_file() default "events.jsonl";

    @AttributeDefinition(name = "Alerts file name")
    String alerts_file() default "alerts.jsonl";

    @AttributeDefinition(name = "Event kinds", description = "Kinds written to the events file; empty for all.")
    String[] events_kinds() default {};

    @AttributeDefinition(name = "Rotate at (MiB)", min = "1", description = "Size at which a file is rotated.")
    int rotate_size_mb() default 100;

    @AttributeDefinition(name = "Rotated files kept", min = "0")
    int rotate_keep() default 5;
}
