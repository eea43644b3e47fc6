package io.infrasight.enrich.process.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight process enricher",
        description = "Adds the executable, command line, start time and ancestry of the process behind each event.")
public @interface ProcessEnricherConfig {
    String PID = "io.infrasight.enrich.process";

    @AttributeDefinition(name = "Ancestry depth", min = "0", max = "64",
            description = "How many ancestors (parent first) each event lists.")
    int ancestry_depth() default 5;

    @AttributeDefinition(name = "Cache capacity", min = "1024",
            description = "Most processes kept; beyond it the least recently useful entry is evicted.")
    int cache_capacity() default 65536;

    @AttributeDefinition(name = "Linger (ms)", min = "0",
            description = "How long an exited process still resolves, for events that arrive late.")
    int linger_ms() default 5000;

    @AttributeDefinition(name = "Scan interval (ms)", min = "100",
            description = "How often /proc is scanned for new and exited processes.")
    int scan_interval_ms() default 1000;

    @AttributeDefinition(name = "Miss budget (/proc reads per second)", min = "0",
            description = "Cache misses read /proc on the publishing thread at most this often; the rest are "
                    + "resolved by the next scan and their events marked proc.status=unknown.")
    int miss_budget_per_second() default 200;

    @AttributeDefinition(name = "proc root",
            description = "Where the host's /proc is (an agent in a container mounts it e.g. at /host/proc).")
    String proc_root() default "/proc";

    @AttributeDefinition(name = "Command line limit (bytes)", min = "64")
    int cmdline_max_bytes() default 4096;
}
