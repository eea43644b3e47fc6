package io.infrasight.enrich.format.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight format enricher",
        description = "Adds readable names: errno, open/mmap/mount flags, chmod modes, address families, protocols, "
                + "ptrace requests, syscall names, latency in ms.")
public @interface FormatEnricherConfig {
    String PID = "io.infrasight.enrich.format";

    @AttributeDefinition(name = "Latency in ms", description = "Add evt.latency_ms when the syscall latency was measured.")
    boolean latency_ms() default true;

    @AttributeDefinition(name = "Fill missing wall-clock time",
            description = "Events with only a monotonic time get a wall-clock time from the boot offset (taken once).")
    boolean fill_time() default true;

    @AttributeDefinition(name = "Syscall names", description = "Add syscall.counts_by_name to syscall_frequency events.")
    boolean syscall_names() default true;
}
