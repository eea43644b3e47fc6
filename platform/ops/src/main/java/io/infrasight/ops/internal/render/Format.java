package io.infrasight.ops.internal.render;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Small formatting helpers shared by the text and HTML views. */
public final class Format {
    private Format() {
    }

    public static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }

    public static String micros(double nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1000.0);
    }

    /** {@code reason=count, ...} in key order; "-" when empty. */
    public static String counts(Map<String, Long> m) {
        if (m.isEmpty()) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Long> e : new TreeMap<>(m).entrySet()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    public static String duration(long millis) {
        long s = millis / 1000;
        return String.format(Locale.ROOT, "%dd %02d:%02d:%02d", s / 86400, (s / 3600) % 24, (s / 60) % 60, s % 60);
    }
}
