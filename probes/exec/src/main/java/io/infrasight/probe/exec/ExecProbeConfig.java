package io.infrasight.probe.exec;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight exec probe",
        description = "Reports every execve/execveat from the kernel (eBPF).")
public @interface ExecProbeConfig {
    String PID = "io.infrasight.probe.exec";

    @AttributeDefinition(description = "Load and attach the probe.")
    boolean enabled() default true;

    @AttributeDefinition(description = "Ring buffer size in KiB; a power of two, at least 4.")
    int ringBufferKib() default 4096;

    @AttributeDefinition(description = "Drop, in the kernel, events of the InfraSight process itself.")
    boolean excludeOwnProcess() default true;

    @AttributeDefinition(description = "Task names (comm, at most 15 characters) whose execs are dropped in "
            + "the kernel. Matched against the name after the exec.")
    String[] excludedComms() default {};

    @AttributeDefinition(description = "Real user ids whose execs are dropped in the kernel.")
    int[] excludedUids() default {};
}
