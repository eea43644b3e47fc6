package io.infrasight.itest;

import static io.infrasight.itest.Distribution.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The anomaly models in the real distribution with the real probes: both families learn from this
 * host's processes (short learning and 1 s intervals, set in etc/ before the first start), persist
 * under data/models, and after a restart the same models score at once, without learning again.
 */
class ModelsRestartIT {

    /** The models section's row for a family and key, or null. */
    static JsonNode model(Distribution dist, String family, String key) throws Exception {
        JsonNode section = Distribution.find(dist.status().path("sections"), s -> s.path("id").asText().equals("models"));
        if (section == null) {
            return null;
        }
        return Distribution.find(section.path("rows"), r -> r.get(0).asText().equals(family)
                && r.get(1).asText().equals(key));
    }

    @Test
    void modelsLearnPersistAndScoreAfterARestartWithoutRelearning() throws Exception {
        try (Distribution dist = new Distribution("ml-restart")) {
            Path etc = dist.home.resolve("etc");
            Files.writeString(etc.resolve("io.infrasight.probe.resource.cfg"), "enabled = true\nintervalSeconds = 1\n");
            Files.writeString(etc.resolve("io.infrasight.probe.syscalls.cfg"), "enabled = true\nintervalSeconds = 1\n");
            for (String family : new String[] {"resource", "syscall"}) {
                Files.writeString(etc.resolve("io.infrasight.ml." + family + ".cfg"),
                        "learning.seconds = 3\nlearning.samples = 40\n");
            }
            dist.start();
            String[] threshold = new String[2];
            String[] families = {"resource", "syscall"};
            for (int i = 0; i < 2; i++) {
                String family = families[i];
                waitFor(Duration.ofSeconds(120), family + " process:global scoring", () -> {
                    JsonNode m = model(dist, family, "process:global");
                    return m != null && m.get(4).asText().equals("SCORING") && m.get(8).asLong() > 0;
                });
                threshold[i] = model(dist, family, "process:global").get(7).asText();
            }
            // the engines' counters reach Prometheus
            String metrics = dist.get("/infrasight/metrics", true).body();
            assertTrue(metrics.lines().anyMatch(l -> l.startsWith(
                    "infrasight_component_value{component=\"ml-resource\",name=\"vectors\"}")), metrics);
            Shell shell = Shell.install(dist);
            waitFor(Duration.ofSeconds(60), "infrasight:models to list both families",
                    () -> {
                        String out = shell.run("infrasight:models");
                        return out.contains("resource:") && out.contains("syscall:") && out.contains("SCORING");
                    });
            try (Stream<Path> files = Files.walk(dist.home.resolve("data/models"))) {
                assertTrue(files.filter(p -> p.getFileName().toString().equals("model.bin")).count() >= 2);
            }

            dist.close();
            dist.start();
            for (int i = 0; i < 2; i++) {
                String family = families[i];
                waitFor(Duration.ofSeconds(120), family + " model restored and scoring", () -> {
                    JsonNode m = model(dist, family, "process:global");
                    return m != null && m.get(4).asText().equals("SCORING") && m.get(8).asLong() > 0;
                });
                JsonNode m = model(dist, family, "process:global");
                assertEquals(threshold[i], m.get(7).asText(), family + ": the stored model, not a new one");
                assertTrue(m.get(12).asText().startsWith("restored"), m.toString());
            }
            assertTrue(dist.log().contains("restored from"), "the restore is logged");
        }
    }
}
