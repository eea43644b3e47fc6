package io.infrasight.ml.internal.command;

import io.infrasight.ml.ModelCatalog;
import io.infrasight.ml.ModelInfo;
import java.util.List;
import java.util.Locale;

/** The text of infrasight:models, apart from the Karaf action so that it can be tested without a shell. */
public final class ModelsView {
    private ModelsView() {
    }

    public static String render(List<ModelCatalog> catalogs, String family, String model) {
        StringBuilder sb = new StringBuilder();
        if (catalogs.isEmpty()) {
            return "No anomaly model family is installed (feature infrasight-ml: ml-resource, ml-syscall).\n";
        }
        for (ModelCatalog c : catalogs) {
            if (family != null && !c.family().equals(family)) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%s: %s%n", c.family(), c.counters()));
            sb.append(String.format(Locale.ROOT, "  %-34s %-10s %-16s %-9s %8s %7s %9s %10s %9s %7s  %s%n", "MODEL",
                    "LEVEL", "ALGORITHM", "STATE", "SAMPLES", "LEFT_S", "THRESHOLD", "SCORED", "ANOMALIES", "ALERTS",
                    "TRAINED / NOTE"));
            List<ModelInfo> models = c.models();
            if (models.isEmpty()) {
                sb.append("  (no vectors seen yet)\n");
            }
            for (ModelInfo m : models) {
                if (model != null && !m.key().contains(model)) {
                    continue;
                }
                sb.append(String.format(Locale.ROOT, "  %-34s %-10s %-16s %-9s %8d %7d %9s %10d %9d %7d  %s%n",
                        m.key(), m.level().label(), m.algorithm(), m.state(), m.samples(), m.learningLeftSeconds(),
                        Double.isNaN(m.threshold()) ? "-" : String.format(Locale.ROOT, "%.4f", m.threshold()),
                        m.scored(), m.anomalies(), m.alerts(),
                        (m.trainedAt() + " " + m.note()).trim()));
            }
        }
        return sb.toString();
    }
}
