package io.infrasight.ml;

/**
 * How far one feature of a scored vector was from what the model learned.
 *
 * @param feature   feature name, e.g. "cpu_ms_per_s"
 * @param value     the vector's value
 * @param typical   the median of the learning data
 * @param deviation (value - typical) in robust standard deviations (IQR / 1.349)
 */
public record Contribution(String feature, double value, double typical, double deviation) {
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s=%.3g (typical %.3g, %+.1f sd)", feature, value, typical, deviation);
    }
}
