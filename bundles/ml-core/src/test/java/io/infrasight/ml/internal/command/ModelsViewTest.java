package io.infrasight.ml.internal.command;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.ml.Level;
import io.infrasight.ml.ModelCatalog;
import io.infrasight.ml.ModelInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelsViewTest {
    static ModelCatalog catalog(String family, List<ModelInfo> models) {
        return new ModelCatalog() {
            @Override
            public String family() {
                return family;
            }

            @Override
            public List<ModelInfo> models() {
                return models;
            }

            @Override
            public Map<String, Long> counters() {
                return Map.of("vectors", 42L);
            }
        };
    }

    @Test
    void listsStateSamplesThresholdsAndAlertsPerModelAndFilters() {
        ModelInfo scoring = new ModelInfo("resource", "process:global", Level.PROCESS, "isolation-forest", "SCORING",
                2000, 200, 0, 0.6123, 0.995, 12, 5000, 30, 4, "2026-11-27T12:00:00Z", "restored from x");
        ModelInfo learning = new ModelInfo("resource", "container:shop/web:1", Level.CONTAINER, "isolation-forest",
                "LEARNING", 17, 200, 1800, Double.NaN, 0.995, 0, 0, 0, 0, "", "");
        String out = ModelsView.render(List.of(catalog("resource", List.of(scoring, learning)),
                catalog("syscall", List.of())), null, null);
        assertTrue(out.contains("resource: {vectors=42}"), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("process:global") && l.contains("SCORING")
                && l.contains("0.6123") && l.contains("5000") && l.contains("restored from x")), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("container:shop/web:1") && l.contains("LEARNING")
                && l.contains("1800")), out);
        assertTrue(out.contains("syscall:") && out.contains("(no vectors seen yet)"), out);
        String filtered = ModelsView.render(List.of(catalog("resource", List.of(scoring, learning))), "resource", "web");
        assertFalse(filtered.contains("process:global"), filtered);
        assertTrue(ModelsView.render(List.of(), null, null).contains("No anomaly model family is installed"));
    }
}
