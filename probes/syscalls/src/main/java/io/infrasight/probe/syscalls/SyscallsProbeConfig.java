package io.infrasight.probe.syscalls;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight syscall frequency probe",
        description = "Counts every process's syscalls by number in the kernel (eBPF) and reports the counts "
                + "per process and interval, and once more when the process exits.")
public @interface SyscallsProbeConfig {
    String PID = "io.infrasight.probe.syscalls";

    @AttributeDefinition(description = "Load and attach the probe.")
    boolean enabled() default true;

    @AttributeDefinition(description = "Length of a reporting interval in seconds (1 to 3600). A process's "
            + "last interval ends when its last thread exits.")
    int intervalSeconds() default 10;

    @AttributeDefinition(description = "Ring buffer size in KiB; a power of two, at least 4.")
    int ringBufferKib() default 4096;

    @AttributeDefinition(description = "Do not count, in the kernel, the syscalls of the InfraSight process itself.")
    boolean excludeOwnProcess() default true;

    @AttributeDefinition(description = "Task names (comm, at most 15 characters) whose syscalls are not counted.")
    String[] excludedComms() default {};

    @AttributeDefinition(description = "Real user ids whose syscalls are not counted.")
    int[] excludedUids() default {};
}
