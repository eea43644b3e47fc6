package io.infrasight.probe.mmap;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight mmap probe",
        description = "Reports mmap and mprotect calls from the kernel (eBPF), marking memory that is writable and executable.")
public @interface MmapProbeConfig {
    String PID = "io.infrasight.probe.mmap";

    @AttributeDefinition(description = "Load and attach the probe.")
    boolean enabled() default true;

    @AttributeDefinition(description = "Ring buffer size in KiB; a power of two, at least 4.")
    int ringBufferKib() default 8192;

    @AttributeDefinition(description = "Drop, in the kernel, memory mappings made by the InfraSight process itself.")
    boolean excludeOwnProcess() default true;

    @AttributeDefinition(description = "Task names (comm) whose memory mappings are dropped in the kernel.")
    String[] excludedComms() default {};

    @AttributeDefinition(description = "Real user ids whose memory mappings are dropped in the kernel.")
    int[] excludedUids() default {};

    @AttributeDefinition(description = "Report only what is marked writeExec: mappings that are writable and "
            + "executable at once, and protection changes that make a writable region executable. Decided in the "
            + "kernel (counted as kernel_filtered_other); cuts the volume of a busy host by orders of magnitude.")
    boolean onlyWriteExec() default false;
}
