package io.infrasight.bench.mleval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.Context;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.Lifecycle;
import io.infrasight.api.event.ResourceEvent;
import io.infrasight.ml.EngineSettings;
import io.infrasight.ml.resource.ResourceFeatures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ground truth against the real engine (ml-core's aggregation windows, a real Isolation Forest):
 * an aggregate vector is labelled with the anomaly whose process vectors the engine summed into it,
 * and only that one. Events are built here so that every window's content is known.
 */
class EnginesTest {
    static final long S = 1_000_000_000L;
    static final long NORMAL = 500;
    static final long INJECTED = 501;

    @TempDir
    Path models;

    private final Labels labels = new Labels();
    private final Scoreboard board = new Scoreboard();

    private List<Event> interval(long mono, long cpuNs, long... cgroups) {
        List<Event> out = new ArrayList<>();
        int pid = 100;
        for (long cg : cgroups) {
            pid++;
            EventHeader h = new EventHeader(EventKind.RESOURCE, mono, mono, cg == INJECTED ? 9000 + pid : pid, pid, 1, 0,
                    0, 0, cg, "w" + pid, 0, 0, "node", Context.EMPTY);
            // normal processes vary a little, as real ones do; the injected one burns a core
            long cpu = cg == INJECTED ? 900_000_000L : cpuNs + (mono / S % 7) * 1_000_000L + pid * 100_000L;
            out.add(labels.enrich(new ResourceEvent(h, S, cpu, 10 + pid % 3, 0, 20L << 20, 4096, 4096, 1,
                    Lifecycle.RUNNING)));
        }
        return out;
    }

    @Test
    void aggregateVectorsAreLabelledWithTheAnomalyTheEngineSummedIntoThemAndOnlyThose() {
        labels.register(NORMAL, new Labels.Group("web", "eval/web:1", null));
        labels.register(INJECTED, new Labels.Group("web", "eval/web:1", "cpu-miner"));
        try (Engines engines = new Engines(labels, board)) {
            engines.add(new ResourceFeatures(), "isolation-forest",
                    EngineSettings.defaults().withLearning(0, 20).withThresholdQuantile(0.99), models);
            long t = 1000 * S;
            // learning: one harvest a second, the window closed by the tick 600 ms later
            for (int i = 0; i < 40 && !engines.globalModelsLearning().isEmpty() || i < 25; i++, t += S) {
                engines.feed(interval(t, 20_000_000L, NORMAL, NORMAL), t);
                engines.tick(t + 600_000_000L);
            }
            assertTrue(engines.globalModelsLearning().isEmpty(), "still learning: " + engines.globalModelsLearning());
            engines.counting(true);
            engines.feed(interval(t, 20_000_000L, NORMAL, NORMAL), t);   // normal
            engines.tick(t + 600_000_000L);
            t += S;
            engines.feed(interval(t, 20_000_000L, NORMAL, NORMAL, INJECTED), t);   // the anomaly's window
            t += S;
            // no tick in between: this harvest's first vector closes the anomaly's window
            engines.feed(interval(t, 20_000_000L, NORMAL, NORMAL), t);
            engines.tick(t + 600_000_000L);
            t += S;
            engines.feed(interval(t, 20_000_000L, NORMAL, NORMAL), t);
            engines.tick(t + 600_000_000L);
        }
        for (String level : List.of("container", "host")) {
            Scoreboard.Cell c = board.cell(new Scoreboard.Key("resource", level, "isolation-forest"));
            assertEquals(1, c.positives(), level + ": exactly the anomaly's window is positive\n" + board.table());
            assertEquals(3, c.negatives(), level + ": the windows before and after are normal\n" + board.table());
            assertEquals(1, board.anomalyCell("cpu-miner", new Scoreboard.Key("resource", level, "isolation-forest"))
                    .positives());
        }
        Scoreboard.Cell p = board.cell(new Scoreboard.Key("resource", "process", "isolation-forest"));
        assertEquals(1, p.positives(), "the injected process's vector\n" + board.table());
        assertEquals(8, p.negatives(), "two normal processes in four windows\n" + board.table());
    }
}
