package io.infrasight.probe.chmod;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight chmod probe",
        description = "Reports chmod, fchmod, fchmodat and fchmodat2 calls from the kernel (eBPF).")
public @interface ChmodProbeConfig {
    String PID = "io.infrasight.probe.chmod";

    @AttributeDefinition(description = "Load and attach the probe.")
    boolean enabled() default true;

    @AttributeDefinition(description = "Ring buffer size in KiB; a power of two, at least 4.")
    int ringBufferKib() default 1024;

    @AttributeDefinition(description = "Drop, in the kernel, mode changes made by the InfraSight process itself.")
    boolean excludeOwnProcess() default true;

    @AttributeDefinition(description = "Task names (comm) whose mode changes are dropped in the kernel.")
    String[] excludedComms() default {};

    @AttributeDefinition(description = "Real user ids whose mode changes are dropped in the kernel.")
    int[] excludedUids() default {};
}
