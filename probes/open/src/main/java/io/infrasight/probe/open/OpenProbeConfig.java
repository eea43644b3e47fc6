package io.infrasight.probe.open;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight open probe",
        description = "Reports open, openat and openat2 calls from the kernel (eBPF).")
public @interface OpenProbeConfig {
    String PID = "io.infrasight.probe.open";

    @AttributeDefinition(description = "Load and attach the probe.")
    boolean enabled() default true;

    @AttributeDefinition(description = "Ring buffer size in KiB; a power of two, at least 4.")
    int ringBufferKib() default 8192;

    @AttributeDefinition(description = "Drop, in the kernel, opens of the InfraSight process itself.")
    boolean excludeOwnProcess() default true;

    @AttributeDefinition(description = "Task names (comm) whose opens are dropped in the kernel.")
    String[] excludedComms() default {};

    @AttributeDefinition(description = "Real user ids whose opens are dropped in the kernel.")
    int[] excludedUids() default {};

    @AttributeDefinition(description = "Keep only paths starting with one of these absolute prefixes (at most "
            + "64 characters each; use a trailing / for a directory). Empty keeps all. Absolute paths are "
            + "filtered in the kernel, relative ones after resolution in user space.")
    String[] pathPrefixes() default {};
}
