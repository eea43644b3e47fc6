package io.infrasight.ml.internal;

/** Small order statistics over sorted arrays. */
final class Quantiles {
    private Quantiles() {
    }

    /** Linear interpolation between the closest ranks (type 7, as R and numpy default). */
    static double sorted(double[] s, double q) {
        if (s.length == 0) {
            return Double.NaN;
        }
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, s.length - 1);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }

    static double stddev(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= Math.max(1, x.length);
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / Math.max(1, x.length - 1));
    }
}
