package io.infrasight.ml.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A learning vector kept compactly: feature names (shared, interned per family) and values in two
 * arrays, about a fifth of a HashMap's footprint. Models keep up to max.samples of these each.
 */
public final class Sparse {
    final String[] keys;
    final double[] values;

    private Sparse(String[] keys, double[] values) {
        this.keys = keys;
        this.values = values;
    }

    /** Interns names through {@code names} so that thousands of vectors share one copy of each. */
    static Sparse of(Map<String, Double> features, Map<String, String> names) {
        String[] k = new String[features.size()];
        double[] v = new double[k.length];
        int i = 0;
        for (Map.Entry<String, Double> e : features.entrySet()) {
            String key = names.get(e.getKey());
            if (key == null) {
                key = e.getKey();
                if (names.size() < 100_000) {
                    names.put(key, key);
                }
            }
            k[i] = key;
            v[i++] = e.getValue();
        }
        return new Sparse(k, v);
    }

    static Sparse of(java.util.List<String> names, double[] dense) {
        return new Sparse(names.toArray(new String[0]), dense.clone());
    }

    Map<String, Double> toMap() {
        Map<String, Double> m = new LinkedHashMap<>(keys.length * 2);
        for (int i = 0; i < keys.length; i++) {
            m.put(keys[i], values[i]);
        }
        return m;
    }

    static Map<String, String> newInterner() {
        return new HashMap<>();
    }
}
