package io.infrasight.bench.mleval;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The full-length evaluation (bench/ml-eval/run.sh): {@code Main [full|short] [work dir]} and, to change a
 * phase, system properties {@code learn}, {@code minSamples}, {@code on}, {@code off}, {@code rounds},
 * {@code algorithms} (comma-separated). Prints progress, then the figures.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 1 ? args[1] : "target/ml-eval");
        EvalSettings base = args.length > 0 && args[0].equals("short") ? EvalSettings.shortRun(work)
                : EvalSettings.fullRun(work);
        EvalSettings s = new EvalSettings(base.warmupSeconds(), Integer.getInteger("learn", base.learnSeconds()),
                Integer.getInteger("minSamples", base.minSamples()), Integer.getInteger("on", base.onSeconds()),
                Integer.getInteger("off", base.offSeconds()), Integer.getInteger("rounds", base.rounds()),
                System.getProperty("algorithms") == null ? base.algorithms()
                        : List.of(System.getProperty("algorithms").split(",")), work);
        System.out.printf("[ml-eval] %s%n", s);
        Evaluation.Result r;
        Evaluation e = new Evaluation(s, System.out);
        // Ctrl-C or kill: still end the workloads and remove the cgroups
        Thread hook = new Thread(() -> {
            try {
                e.close();
            } catch (Exception ignored) {
                // the JVM is going away; run.sh's trap removes what is left
            }
        }, "ml-eval-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            r = e.run();
        } finally {
            e.close();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        System.out.println();
        System.out.println(report(s, r));
    }

    private static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    /** The run's figures and the facts needed to judge them. */
    static String report(EvalSettings s, Evaluation.Result r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "learning %d s (min %d vectors), %d round(s) of anomalies, %d s on / %d s off; "
                + "wall time %.0f s; load average at the end %s (%d cores)%n", s.learnSeconds(), s.minSamples(), s.rounds(),
                s.onSeconds(), s.offSeconds(), r.wallMillis() / 1000.0, loadAverage(),
                Runtime.getRuntime().availableProcessors()));
        b.append(String.format(Locale.ROOT, "events fed %d, decisions %d (counted %d, host processes and others' "
                + "containers not counted %d), alerts %d, probe drops %d%n%n", r.events(), r.decisions(),
                r.board().decisions(), r.uncounted(), r.alerts(), r.probeDrops()));
        b.append(r.board().table());
        b.append(String.format(Locale.ROOT, "%naggregation windows: host vectors per second while counting (the probes "
                + "harvest once a second) %s%n", r.hostVectorsPerSecond().entrySet().stream()
                .map(x -> String.format(Locale.ROOT, "%s %.2f", x.getKey(), x.getValue())).toList()));
        b.append(String.format(Locale.ROOT, "%nmodels%n"));
        r.models().forEach(m -> b.append(String.format(Locale.ROOT, "  %-8s %-16s %-28s %-8s samples %5d threshold %.4f "
                + "features %3d scored %6d anomalies %5d%n", m.family(), m.algorithm(), m.key(), m.state(), m.samples(),
                m.threshold(), m.features(), m.scored(), m.anomalies())));
        for (Map.Entry<String, Map<String, Long>> p : r.probeCounters().entrySet()) {
            b.append(String.format(Locale.ROOT, "%s: emitted %d, ring buffer full %d, stash misses %d%n", p.getKey(),
                    p.getValue().getOrDefault("kernel_emitted", -1L),
                    p.getValue().getOrDefault("kernel_dropped_ringbuf_full", -1L),
                    p.getValue().getOrDefault("kernel_stash_miss", -1L)));
        }
        return b.toString();
    }
}
