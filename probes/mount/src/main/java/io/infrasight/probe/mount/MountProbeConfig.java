package io.infrasight.probe.mount;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight mount probe",
        description = "Reports mount, move_mount, fsmount and umount2 calls from the kernel (eBPF), with the caller's mount namespace.")
public @interface MountProbeConfig {
    String PID = "io.infrasight.probe.mount";

    @AttributeDefinition(description = "Load and attach the probe.")
    boolean enabled() default true;

    @AttributeDefinition(description = "Ring buffer size in KiB; a power of two, at least 4.")
    int ringBufferKib() default 1024;

    @AttributeDefinition(description = "Drop, in the kernel, mounts and unmounts made by the InfraSight process itself.")
    boolean excludeOwnProcess() default true;

    @AttributeDefinition(description = "Task names (comm) whose mounts and unmounts are dropped in the kernel.")
    String[] excludedComms() default {};

    @AttributeDefinition(description = "Real user ids whose mounts and unmounts are dropped in the kernel.")
    int[] excludedUids() default {};
}
