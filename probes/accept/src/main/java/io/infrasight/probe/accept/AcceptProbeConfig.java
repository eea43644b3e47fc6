package io.infrasight.probe.accept;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight accept probe",
        description = "Reports accepted connections (accept, accept4) from the kernel (eBPF).")
public @interface AcceptProbeConfig {
    String PID = "io.infrasight.probe.accept";

    @AttributeDefinition(description = "Load and attach the probe.")
    boolean enabled() default true;

    @AttributeDefinition(description = "Ring buffer size in KiB; a power of two, at least 4.")
    int ringBufferKib() default 2048;

    @AttributeDefinition(description = "Drop, in the kernel, accepts made by the InfraSight process itself.")
    boolean excludeOwnProcess() default true;

    @AttributeDefinition(description = "Task names (comm) whose accepts are dropped in the kernel.")
    String[] excludedComms() default {};

    @AttributeDefinition(description = "Real user ids whose accepts are dropped in the kernel.")
    int[] excludedUids() default {};
}
