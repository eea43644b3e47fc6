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
    /** {@code vectors}: the training set in schema order (for re-learning and the stored copy). */
    public record Trained(Schema schema, WekaScorer scorer, double threshold, double[][] vectors,
            long trainedAtNanos) {
        /** The training set as sparse vectors again (re-learning fits a new schema). */
        List<Sparse> samples() {
            List<Sparse> l = new ArrayList<>(vectors.length);
            for (double[] v : vectors) {
                l.add(Sparse.of(schema.names, v));
            }
            return l;
        }
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
    List<Sparse> reservoir = new ArrayList<>();
    /** Unflagged vectors since training, for slow re-learning. */
    List<Sparse> recent = new ArrayList<>();
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

    void learn(Sparse features, long nowMono, int maxSamples, SplittableRandom rnd) {
        if (firstMonoNanos < 0) {
            firstMonoNanos = nowMono;
        }
        seen++;
        keep(reservoir, seen, features, maxSamples, rnd);
    }

    void remember(Sparse features, int maxSamples, SplittableRandom rnd) {
        recentSeen++;
        keep(recent, recentSeen, features, maxSamples, rnd);
    }

    /** Reservoir sampling (Vitter's R): every vector seen so far has the same chance to be kept. */
    private static void keep(List<Sparse> into, long seen, Sparse f, int max,
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
    static Trained train(FeatureFamily family, EngineSettings s, List<Sparse> samples, long wallNanos)
            throws Exception {
        Schema schema = Schema.fit(family, samples);
        double[][] x = new double[samples.size()][];
        double[][] z = new double[x.length][];
        for (int i = 0; i < z.length; i++) {
            x[i] = schema.vector(samples.get(i));
            z[i] = schema.standardise(x[i]);
        }
        WekaScorer scorer = WekaScorer.train(s, z);
        double[] scores = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            scores[i] = scorer.score(z[i]);
        }
        Arrays.sort(scores);
        return new Trained(schema, scorer, Quantiles.sorted(scores, s.thresholdQuantile()), x, wallNanos);
    }

    void install(Trained t, long nowMono) {
        trained = t;
        if (!t.scorer().algorithm().equals(algorithm)) {
            note = "LOF needs " + WekaScorer.LOF_MIN_DISTINCT + " distinct learning vectors; Isolation Forest used";
        }
        state = State.SCORING;
        training = false;
        trainedMonoNanos = nowMono;
        reservoir = new ArrayList<>();
        recent = new ArrayList<>();
        recentSeen = 0;
        seen = t.vectors().length;
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
        return state == State.SCORING ? trained.vectors().length : reservoir.size();
    }
}
