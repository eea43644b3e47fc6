package io.infrasight.ml;

import io.infrasight.api.alert.Severity;

/**
 * How an engine learns and scores. Learning ends when both {@code learningSeconds} have passed since
 * a model's first vector and it has {@code minSamples}; at most {@code maxSamples} are kept
 * (reservoir sampling), so memory stays bounded however long learning runs.
 *
 * @param algorithm          "isolation-forest" (default) or "lof"
 * @param learningSeconds    minimum learning duration per model
 * @param minSamples         minimum learning vectors per model (per-container models included)
 * @param maxSamples         learning vectors kept per model
 * @param thresholdQuantile  the threshold is this quantile of the learning vectors' own scores
 * @param maxContainerModels per-container models per level; containers beyond use the global model
 * @param relearnSeconds     0: never; else retrain every so often on recent vectors that were not flagged
 * @param trees              Isolation Forest trees
 * @param seed               random seed (models are reproducible from their data)
 * @param topFeatures        contributing features named in alerts
 * @param severity           alert severity
 * @param dedupWindowSeconds alerts of one model level for one subject within this window are folded
 * @param maxAlertsPerWindow per rule and window, across subjects
 */
public record EngineSettings(String algorithm, long learningSeconds, int minSamples, int maxSamples,
        double thresholdQuantile, int maxContainerModels, long relearnSeconds, int trees, long seed, int topFeatures,
        Severity severity, long dedupWindowSeconds, int maxAlertsPerWindow) {

    public static final String ISOLATION_FOREST = "isolation-forest";
    public static final String LOF = "lof";

    public EngineSettings {
        if (!ISOLATION_FOREST.equals(algorithm) && !LOF.equals(algorithm)) {
            throw new IllegalArgumentException("algorithm must be " + ISOLATION_FOREST + " or " + LOF + ", not " + algorithm);
        }
        if (learningSeconds < 0 || minSamples < 10 || maxSamples < minSamples) {
            throw new IllegalArgumentException("need learningSeconds >= 0 and 10 <= minSamples <= maxSamples");
        }
        if (!(thresholdQuantile > 0.5 && thresholdQuantile < 1)) {
            throw new IllegalArgumentException("thresholdQuantile must be in (0.5, 1)");
        }
    }

    /** One hour of learning and at least 200 vectors, Isolation Forest of 100 trees, threshold at the 0.995 quantile. */
    public static EngineSettings defaults() {
        return new EngineSettings(ISOLATION_FOREST, 3600, 200, 2000, 0.995, 16, 0, 100, 42, 3, Severity.WARNING, 600, 20);
    }

    public EngineSettings withLearning(long seconds, int samples) {
        return new EngineSettings(algorithm, seconds, samples, Math.max(maxSamples, samples), thresholdQuantile,
                maxContainerModels, relearnSeconds, trees, seed, topFeatures, severity, dedupWindowSeconds,
                maxAlertsPerWindow);
    }

    public EngineSettings withAlgorithm(String name) {
        return new EngineSettings(name, learningSeconds, minSamples, maxSamples, thresholdQuantile, maxContainerModels,
                relearnSeconds, trees, seed, topFeatures, severity, dedupWindowSeconds, maxAlertsPerWindow);
    }

    public EngineSettings withThresholdQuantile(double q) {
        return new EngineSettings(algorithm, learningSeconds, minSamples, maxSamples, q, maxContainerModels,
                relearnSeconds, trees, seed, topFeatures, severity, dedupWindowSeconds, maxAlertsPerWindow);
    }

    public EngineSettings withRelearn(long seconds) {
        return new EngineSettings(algorithm, learningSeconds, minSamples, maxSamples, thresholdQuantile,
                maxContainerModels, seconds, trees, seed, topFeatures, severity, dedupWindowSeconds, maxAlertsPerWindow);
    }

    public EngineSettings withDedup(long windowSeconds, int perWindow) {
        return new EngineSettings(algorithm, learningSeconds, minSamples, maxSamples, thresholdQuantile,
                maxContainerModels, relearnSeconds, trees, seed, topFeatures, severity, windowSeconds, perWindow);
    }
}
