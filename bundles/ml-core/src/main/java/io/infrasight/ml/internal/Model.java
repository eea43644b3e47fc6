package io.infrasight.ml.internal;

import io.infrasight.ml.Contribution;
import io.infrasight.ml.EngineSettings;
import io.infrasight.ml.FeatureFamily;
import io.infrasight.ml.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One model: learns (a bounded reservoir of feature maps), is trained into a {@link Schema} plus a
 * {@link WekaScorer} with a threshold, then scores. The engine owns the lock; training itself runs
 * outside it on a snapshot ({@link #train}).
 */
public final class Model {
    public enum State { LEARNING, SCORING }

    /** What training produces; installed under the engine's lock. */
    public record Trained(Schema schema, WekaScorer scorer, double threshold, List<Map<String, Double>> samples,
            long trainedAtNanos) {
    }

    /** A scored vector. */
    public record Decision(double score, boolean anomalous, List<Contribution> top) {
    }

    final String family;
    final String key;
    final Level level;
    final String algorithm;
    State state = State.LEARNING;
    boolean training;
    long firstMonoNanos = -1;
    long trainedMonoNanos;
    long seen;
    List<Map<String, Double>> reservoir = new ArrayList<>();
    /** Unflagged vectors since training, for slow re-learning. */
    List<Map<String, Double>> recent = new ArrayList<>();
    long recentSeen;
    Trained trained;
    String note = "";
    long scored;
    long anomalies;
    long alerts;

    Model(String family, String key, Level level, String algorithm) {
        this.family = family;
        this.key = key;
        this.level = level;
        this.algorithm = algorithm;
    }

    void learn(Map<String, Double> features, long nowMono, int maxSamples, SplittableRandom rnd) {
        if (firstMonoNanos < 0) {
            firstMonoNanos = nowMono;
        }
        seen++;
        keep(reservoir, seen, features, maxSamples, rnd);
    }

    void remember(Map<String, Double> features, int maxSamples, SplittableRandom rnd) {
        recentSeen++;
        keep(recent, recentSeen, features, maxSamples, rnd);
    }

    /** Reservoir sampling (Vitter's R): every vector seen so far has the same chance to be kept. */
    private static void keep(List<Map<String, Double>> into, long seen, Map<String, Double> f, int max,
            SplittableRandom rnd) {
        if (into.size() < max) {
            into.add(f);
        } else {
            long j = rnd.nextLong(seen);
            if (j < max) {
                into.set((int) j, f);
            }
        }
    }

    boolean dueForTraining(long nowMono, EngineSettings s) {
        return state == State.LEARNING && !training && reservoir.size() >= s.minSamples()
                && nowMono - firstMonoNanos >= s.learningSeconds() * 1_000_000_000L;
    }

    boolean dueForRelearning(long nowMono, EngineSettings s) {
        return state == State.SCORING && !training && s.relearnSeconds() > 0 && recent.size() >= s.minSamples()
                && nowMono - trainedMonoNanos >= s.relearnSeconds() * 1_000_000_000L;
    }

    long learningLeftSeconds(long nowMono, EngineSettings s) {
        if (state != State.LEARNING || firstMonoNanos < 0) {
            return state == State.LEARNING ? s.learningSeconds() : 0;
        }
        return Math.max(0, s.learningSeconds() - (nowMono - firstMonoNanos) / 1_000_000_000L);
    }

    /** Fits the schema, trains Weka and sets the threshold at the quantile of the samples' own scores. */
    static Trained train(FeatureFamily family, EngineSettings s, List<Map<String, Double>> samples, long wallNanos)
            throws Exception {
        Schema schema = Schema.fit(family, samples);
        double[][] z = new double[samples.size()][];
        for (int i = 0; i < z.length; i++) {
            z[i] = schema.standardise(schema.vector(samples.get(i)));
        }
        WekaScorer scorer = WekaScorer.train(s, z);
        double[] scores = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            scores[i] = scorer.score(z[i]);
        }
        Arrays.sort(scores);
        return new Trained(schema, scorer, Quantiles.sorted(scores, s.thresholdQuantile()), List.copyOf(samples),
                wallNanos);
    }

    void install(Trained t, long nowMono) {
        trained = t;
        state = State.SCORING;
        training = false;
        trainedMonoNanos = nowMono;
        reservoir = new ArrayList<>();
        recent = new ArrayList<>();
        recentSeen = 0;
        seen = t.samples().size();
    }

    public Decision score(Map<String, Double> features, int topK) throws Exception {
        Schema schema = trained.schema();
        double[] v = schema.vector(features);
        double s = trained.scorer().score(schema.standardise(v));
        double beyond = schema.outOfRange(v);
        if (beyond > 0) {
            // above any calibrated threshold (model scores are at most 1), ordered by how far off it is
            s = Math.max(s, 1 + Math.min(beyond, 1000) / 1000);
        }
        boolean anomalous = s > trained.threshold();
        scored++;
        if (anomalous) {
            anomalies++;
        }
        return new Decision(s, anomalous, anomalous ? schema.top(v, topK) : List.of());
    }

    long samples() {
        return state == State.SCORING ? trained.samples().size() : reservoir.size();
    }
}
