package io.infrasight.ops.internal.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Collects the samples of one metric during a scrape, summing duplicate label sets: the client
 * library rejects a snapshot with duplicate labels, and one odd id must not break the whole scrape.
 */
final class Samples {
    private final Map<List<String>, Double> values = new LinkedHashMap<>();

    Samples add(double value, String... labels) {
        String[] clean = new String[labels.length];
        for (int i = 0; i < labels.length; i++) {
            clean[i] = labels[i] == null ? "" : labels[i];
        }
        values.merge(Arrays.asList(clean), value, Double::sum);
        return this;
    }

    void forEach(BiConsumer<Double, String[]> sink) {
        values.forEach((labels, value) -> sink.accept(value, labels.toArray(new String[0])));
    }
}
