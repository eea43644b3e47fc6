package io.infrasight.ml;

/**
 * One model as operators see it (infrasight:models, the console's models section).
 *
 * @param family      "resource" or "syscall"
 * @param key         e.g. "process:global", "process:nginx:1.25", "container:global", "host"
 * @param level       what its vectors describe
 * @param algorithm   "isolation-forest" or "lof"
 * @param state       LEARNING or SCORING
 * @param samples     learning samples kept so far (LEARNING) or the training set size (SCORING)
 * @param minSamples  samples needed before learning may end
 * @param learningLeftSeconds seconds of the learning phase still to go (0 when scoring)
 * @param threshold   score threshold (NaN while learning)
 * @param quantile    the quantile of learning scores the threshold was set at
 * @param features    number of features in its schema (0 while learning)
 * @param scored      vectors scored since it was loaded or trained
 * @param anomalies   vectors above threshold since then
 * @param alerts      alerts raised (after dedup) since then
 * @param trainedAt   ISO-8601 time of its training, "" while learning
 * @param note        e.g. why a stored model could not be read, "restored from disk", ""
 */
public record ModelInfo(String family, String key, Level level, String algorithm, String state, long samples,
        long minSamples, long learningLeftSeconds, double threshold, double quantile, int features, long scored,
        long anomalies, long alerts, String trainedAt, String note) {
}
