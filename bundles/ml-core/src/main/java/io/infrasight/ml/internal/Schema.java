package io.infrasight.ml.internal;

import io.infrasight.ml.Contribution;
import io.infrasight.ml.FeatureFamily;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's feature order and the robust location and scale of each feature in its learning data.
 * Vectors are standardised with them before Weka sees them (LOF is distance-based), and the same
 * figures explain a score: which features sit furthest from their median.
 */
public final class Schema {
    /**
     * Features that never varied while learning deviate by at least this much (in feature units: log
     * rates or fractions) before the range guard fires; see {@link #outOfRange}.
     */
    static final double NOVELTY_TOLERANCE = 0.05;
    /** Other features must lie this many robust standard deviations beyond the learned range. */
    static final double RANGE_MARGIN = 3;
    private static final double MIN_SCALE = 0.05;

    final List<String> names;
    final double[] medians;
    final double[] scales;
    /** The smallest and largest value of each feature while learning. */
    final double[] mins;
    final double[] maxs;
    private final int other;
    private final Map<String, Integer> index = new HashMap<>();

    Schema(List<String> names, double[] medians, double[] scales, double[] mins, double[] maxs, String otherFeature) {
        this.names = List.copyOf(names);
        this.medians = medians;
        this.scales = scales;
        this.mins = mins;
        this.maxs = maxs;
        for (int i = 0; i < this.names.size(); i++) {
            index.put(this.names.get(i), i);
        }
        this.other = otherFeature == null ? -1 : index.getOrDefault(otherFeature, -1);
    }

    /** Chooses the open features (most frequent first) and measures every feature over {@code samples}. */
    static Schema fit(FeatureFamily family, List<Sparse> samples) {
        List<String> names = new ArrayList<>(family.fixedFeatures());
        Map<String, Integer> seen = new HashMap<>();
        for (Sparse s : samples) {
            for (int i = 0; i < s.keys.length; i++) {
                if (s.values[i] != 0 && !names.contains(s.keys[i])) {
                    seen.merge(s.keys[i], 1, Integer::sum);
                }
            }
        }
        seen.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).reversed()
                        .thenComparing(Map.Entry::getKey))
                .limit(family.maxOpenFeatures()).forEach(e -> names.add(e.getKey()));
        Schema draft = new Schema(names, new double[names.size()], new double[names.size()], new double[names.size()],
                new double[names.size()], family.otherFeature());
        double[][] x = new double[samples.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = draft.vector(samples.get(i));
        }
        int n = names.size();
        double[] med = new double[n];
        double[] scale = new double[n];
        double[] mins = new double[n];
        double[] maxs = new double[n];
        double[] col = new double[x.length];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < x.length; i++) {
                col[i] = x[i][j];
            }
            Arrays.sort(col);
            med[j] = Quantiles.sorted(col, 0.5);
            double iqr = Quantiles.sorted(col, 0.75) - Quantiles.sorted(col, 0.25);
            double sd = Quantiles.stddev(col);
            mins[j] = col[0];
            maxs[j] = col[col.length - 1];
            // IQR says "typical spread" best; features that are mostly zero have none, so fall back to sd
            scale[j] = Math.max(iqr > 0 ? iqr / 1.349 : sd, MIN_SCALE);
        }
        return new Schema(names, med, scale, mins, maxs, family.otherFeature());
    }

    double[] vector(Sparse s) {
        double[] v = new double[names.size()];
        for (int i = 0; i < s.keys.length; i++) {
            add(v, s.keys[i], s.values[i]);
        }
        return v;
    }

    private void add(double[] v, String name, double value) {
        Integer i = index.get(name);
        if (i != null) {
            v[i] += value;
        } else if (other >= 0) {
            v[other] += value;
        }
    }

    /** The feature map in schema order; open features outside the schema add to the "other" feature. */
    double[] vector(Map<String, Double> features) {
        double[] v = new double[names.size()];
        for (Map.Entry<String, Double> e : features.entrySet()) {
            add(v, e.getKey(), e.getValue());
        }
        return v;
    }

    double[] standardise(double[] v) {
        double[] z = new double[v.length];
        for (int j = 0; j < v.length; j++) {
            z[j] = (v[j] - medians[j]) / scales[j];
        }
        return z;
    }

    /**
     * How far (in robust standard deviations) the vector lies above the range its features had
     * while learning, or 0 when within it (with a margin). Tree ensembles cannot score a point
     * beyond the learned range higher than one at its edge, and cannot split at all on a feature
     * that never varied (a syscall never used while learning): this guard covers both. Upward only:
     * what attacks add is activity (CPU, I/O, processes, syscalls never made before); a quieter
     * interval than ever seen mostly means a loaded machine, and is left to the model's score.
     */
    double outOfRange(double[] v) {
        double worst = 0;
        for (int j = 0; j < v.length; j++) {
            double beyond = v[j] - maxs[j];
            double allowed = mins[j] == maxs[j] ? NOVELTY_TOLERANCE + NOVELTY_TOLERANCE * Math.abs(maxs[j])
                    : RANGE_MARGIN * scales[j];
            if (beyond > allowed) {
                worst = Math.max(worst, beyond / scales[j]);
            }
        }
        return worst;
    }

    /** The {@code k} features furthest above or below their median, largest first. */
    List<Contribution> top(double[] v, int k) {
        Integer[] order = new Integer[v.length];
        double[] dev = new double[v.length];
        for (int j = 0; j < v.length; j++) {
            order[j] = j;
            dev[j] = (v[j] - medians[j]) / scales[j];
        }
        Arrays.sort(order, (a, b) -> Double.compare(Math.abs(dev[b]), Math.abs(dev[a])));
        List<Contribution> out = new ArrayList<>(k);
        for (int i = 0; i < Math.min(k, v.length); i++) {
            int j = order[i];
            out.add(new Contribution(names.get(j), v[j], medians[j], dev[j]));
        }
        return out;
    }

    int size() {
        return names.size();
    }
}
