package io.infrasight.probe.resource;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight resource probe",
        description = "Reports every process's CPU time, page faults, RSS, bytes read and written and thread "
                + "count per interval from the kernel (eBPF), and its final interval when its last thread exits.")
public @interface ResourceProbeConfig {
    String PID = "io.infrasight.probe.resource";

    @AttributeDefinition(description = "Load and attach the probe.")
    boolean enabled() default true;

    @AttributeDefinition(description = "Length of a reporting interval in seconds (1 to 3600).")
    int intervalSeconds() default 10;

    @AttributeDefinition(description = "Ring buffer size in KiB; a power of two, at least 4. Each process "
            + "takes 144 bytes per interval.")
    int ringBufferKib() default 1024;

    @AttributeDefinition(description = "Do not account, in the kernel, the InfraSight process itself.")
    boolean excludeOwnProcess() default true;

    @AttributeDefinition(description = "Task names (comm, at most 15 characters) that are not accounted.")
    String[] excludedComms() default {};

    @AttributeDefinition(description = "Real user ids whose processes are not accounted.")
    int[] excludedUids() default {};
}
