package io.infrasight.probe.connect;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight connect probe",
        description = "Reports connect calls (IPv4, IPv6, AF_UNIX; successes and failures) from the kernel (eBPF).")
public @interface ConnectProbeConfig {
    String PID = "io.infrasight.probe.connect";

    @AttributeDefinition(description = "Load and attach the probe.")
    boolean enabled() default true;

    @AttributeDefinition(description = "Ring buffer size in KiB; a power of two, at least 4.")
    int ringBufferKib() default 2048;

    @AttributeDefinition(description = "Drop, in the kernel, connects made by the InfraSight process itself.")
    boolean excludeOwnProcess() default true;

    @AttributeDefinition(description = "Task names (comm) whose connects are dropped in the kernel.")
    String[] excludedComms() default {};

    @AttributeDefinition(description = "Real user ids whose connects are dropped in the kernel.")
    int[] excludedUids() default {};
}
