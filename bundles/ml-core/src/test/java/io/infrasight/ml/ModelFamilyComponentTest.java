package io.infrasight.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.status.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelFamilyComponentTest {
    @Test
    void badValuesAreReportedWithPropertyAndReasonAndTheDefaultsAreUsed() {
        List<ConfigProblem> found = new ArrayList<>();
        EngineSettings s = ModelFamilyComponent.settings("io.infrasight.ml.test", new ModelFamilyComponent.Props(
                Map.of("algorithm", "svm", "threshold.quantile", "2", "learning.samples", "lots",
                        "learning.seconds", "120", "severity", "loud")), found);
        EngineSettings d = EngineSettings.defaults();
        assertEquals(d.algorithm(), s.algorithm());
        assertEquals(d.thresholdQuantile(), s.thresholdQuantile());
        assertEquals(d.minSamples(), s.minSamples());
        assertEquals(d.severity(), s.severity());
        assertEquals(120, s.learningSeconds(), "good values are kept");
        List<String> props = found.stream().map(ConfigProblem::property).sorted().toList();
        assertEquals(List.of("algorithm", "learning.samples", "severity", "threshold.quantile"), props);
        assertTrue(found.stream().allMatch(p -> p.pid().equals("io.infrasight.ml.test")));
    }

    @Test
    void valuesFromCfgFilesArriveAsStringsAndFromMetatypeAsNumbers() {
        List<ConfigProblem> found = new ArrayList<>();
        EngineSettings s = ModelFamilyComponent.settings("p", new ModelFamilyComponent.Props(
                Map.of("learning.samples", 50, "max.samples", "500", "threshold.quantile", 0.99, "algorithm", "lof")),
                found);
        assertTrue(found.isEmpty(), found.toString());
        assertEquals(50, s.minSamples());
        assertEquals(500, s.maxSamples());
        assertEquals(0.99, s.thresholdQuantile());
        assertEquals("lof", s.algorithm());
    }
}
