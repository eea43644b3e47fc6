package io.infrasight.source.synthetic.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight synthetic source",
        description = "Generates plausible events at a fixed rate, for benchmarks and tests.")
public @interface SyntheticConfig {
    String PID = "io.infrasight.source.synthetic";

    @AttributeDefinition(name = "Rate (events/s)", min = "0", description = "0 means as fast as possible.")
    int rate() default 10000;

    @AttributeDefinition(name = "Kinds", description = "Event kinds to generate, in rotation.")
    String[] kinds() default {"exec", "open"};

    @AttributeDefinition(name = "Batch size", min = "1", description = "Events per publish call.")
    int batch_size() default 256;

    @AttributeDefinition(name = "Total", min = "0", description = "Stop after this many events; 0 for no limit.")
    long total() default 0;
}
