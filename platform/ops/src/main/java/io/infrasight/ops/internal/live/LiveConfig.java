package io.infrasight.ops.internal.live;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight live view",
        description = "How many recent events (per kind) and alerts the shell and web console can show.")
public @interface LiveConfig {
    String PID = "io.infrasight.ops.live";

    @AttributeDefinition(name = "Recent events kept per kind", min = "1")
    int events_capacity() default 4096;

    @AttributeDefinition(name = "Recent alerts kept", min = "1")
    int alerts_capacity() default 1024;
}
