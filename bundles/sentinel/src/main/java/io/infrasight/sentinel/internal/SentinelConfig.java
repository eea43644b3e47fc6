package io.infrasight.sentinel.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight Sentinel",
        description = "Rules engine: loads rule packs from bundles (InfraSight-Rules header), etc/rules and "
                + "deploy/, evaluates them on events and raises deduplicated alerts.")
public @interface SentinelConfig {
    String PID = "io.infrasight.sentinel";

    @AttributeDefinition(name = "Rules directory",
            description = "Rule files (*.yaml, *.yml) loaded and watched. Empty means ${karaf.etc}/rules.")
    String rules_directory() default "";

    @AttributeDefinition(name = "Deploy directory",
            description = "Also watched for *.rules.yaml files. Empty means ${karaf.base}/deploy; '-' disables.")
    String deploy_directory() default "";

    @AttributeDefinition(name = "Watch for changes",
            description = "Reload rule files when they are added, changed or removed.")
    boolean watch() default true;

    @AttributeDefinition(name = "Dedup window (s)", min = "0",
            description = "Matches of one rule by one process within this window raise one alert; the rest are "
                    + "counted and reported in a summary alert when the window ends. 0 turns dedup off.")
    int dedup_window_seconds() default 60;

    @AttributeDefinition(name = "Alerts per rule per window", min = "0",
            description = "Rate limit across processes for one rule; 0 for no limit.")
    int rate_limit_per_rule() default 100;

    @AttributeDefinition(name = "Dedup keys", min = "100",
            description = "At most this many (rule, process) windows are tracked at once.")
    int dedup_max_keys() default 10000;
}
