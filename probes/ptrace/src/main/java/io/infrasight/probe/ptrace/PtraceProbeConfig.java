package io.infrasight.probe.ptrace;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight ptrace probe",
        description = "Reports ptrace requests (attach, traceme, peeks and pokes, ...) from the kernel (eBPF).")
public @interface PtraceProbeConfig {
    String PID = "io.infrasight.probe.ptrace";

    @AttributeDefinition(description = "Load and attach the probe.")
    boolean enabled() default true;

    @AttributeDefinition(description = "Ring buffer size in KiB; a power of two, at least 4.")
    int ringBufferKib() default 1024;

    @AttributeDefinition(description = "Drop, in the kernel, ptrace requests made by the InfraSight process itself.")
    boolean excludeOwnProcess() default true;

    @AttributeDefinition(description = "Task names (comm) whose ptrace requests are dropped in the kernel.")
    String[] excludedComms() default {};

    @AttributeDefinition(description = "Real user ids whose ptrace requests are dropped in the kernel.")
    int[] excludedUids() default {};
}
