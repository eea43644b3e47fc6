package io.infrasight.ml;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * Configuration of the model families, one definition for each family's PID (resource, syscall):
 * the metatype is generated here, and ModelFamilyComponent reads these properties. A new family
 * adds its PID to {@code pid}.
 */
@ObjectClassDefinition(id = "io.infrasight.ml", name = "InfraSight anomaly models",
        description = "Anomaly models over per-process interval vectors (resource usage or syscall mix), per "
                + "container and for the host. docs/ml.md describes features, thresholds and alerts.",
        pid = {"io.infrasight.ml.resource", "io.infrasight.ml.syscall"})
public @interface ModelConfig {
    @AttributeDefinition(name = "Enabled", description = "Learn and score; off leaves stored models untouched.")
    boolean enabled() default true;

    @AttributeDefinition(name = "Algorithm", options = {@Option(label = "Isolation Forest", value = "isolation-forest"),
        @Option(label = "Local Outlier Factor", value = "lof")},
            description = "Weka outlier model. Stored models of the other algorithm stay on disk; new ones are learned.")
    String algorithm() default "isolation-forest";

    @AttributeDefinition(name = "Learning (s)", min = "0",
            description = "Each model learns for at least this long after its first vector.")
    long learning_seconds() default 3600;

    @AttributeDefinition(name = "Learning vectors", min = "10",
            description = "...and from at least this many vectors (each container model too).")
    int learning_samples() default 200;

    @AttributeDefinition(name = "Vectors kept", min = "10",
            description = "Learning vectors kept per model (reservoir sampling beyond): bounds memory.")
    int max_samples() default 2000;

    @AttributeDefinition(name = "Threshold quantile",
            description = "A model's threshold is this quantile of its learning vectors' own scores (0.5 to 1).")
    double threshold_quantile() default 0.995;

    @AttributeDefinition(name = "Container models", min = "0",
            description = "Per-container models per level, keyed by image; more containers use the global model.")
    int max_container_models() default 16;

    @AttributeDefinition(name = "Re-learn every (s)", min = "0",
            description = "0: never. Else retrain scoring models this often on recent vectors that were not flagged, "
                    + "mixed with half the previous training set.")
    long relearn_seconds() default 0;

    @AttributeDefinition(name = "Alert severity", description = "Severity of anomaly alerts, e.g. WARNING, CRITICAL.")
    String severity() default "WARNING";

    @AttributeDefinition(name = "Dedup window (s)", min = "0",
            description = "Alerts of one level about one process or container within this window fold into one, "
                    + "with a summary of the rest (the same gate as Sentinel's).")
    long dedup_window_seconds() default 600;

    @AttributeDefinition(name = "Alerts per window", min = "0",
            description = "At most this many alerts per rule (family and level) per window; 0 for no limit.")
    int alerts_per_window() default 20;

    @AttributeDefinition(name = "Models directory", description = "Where models are stored; empty means ${karaf.data}/models.")
    String models_directory() default "";
}
