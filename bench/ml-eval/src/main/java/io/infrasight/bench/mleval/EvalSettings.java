package io.infrasight.bench.mleval;

import java.nio.file.Path;
import java.util.List;

/**
 * How long each phase lasts and which models run.
 *
 * @param warmupSeconds workloads and probes run, nothing is fed yet (start-up of the workloads is not "normal")
 * @param learnSeconds  the engines' learning duration
 * @param minSamples    learning vectors each model needs at least
 * @param onSeconds     how long each injected anomaly runs
 * @param offSeconds    normal-only time after each anomaly
 * @param rounds        how many times the list of anomalies is injected
 * @param algorithms    "isolation-forest", "lof"
 * @param work          scratch directory: workload files, logs, models
 */
record EvalSettings(int warmupSeconds, int learnSeconds, int minSamples, int onSeconds, int offSeconds, int rounds,
        List<String> algorithms, Path work) {

    static final List<String> BOTH = List.of("isolation-forest", "lof");

    /** The CI run: about 80 s of wall time. */
    static EvalSettings shortRun(Path work) {
        return new EvalSettings(3, 30, 20, 4, 3, 1, BOTH, work);
    }

    /** The documented run: five minutes of learning, each anomaly three times. */
    static EvalSettings fullRun(Path work) {
        return new EvalSettings(5, 300, 200, 10, 15, 3, BOTH, work);
    }

    int testSeconds(int anomalies) {
        return rounds * anomalies * (onSeconds + offSeconds);
    }
}
