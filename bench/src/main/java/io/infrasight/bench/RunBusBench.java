package io.infrasight.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link BusThroughputBenchmark} and prints what JMH does not: per-fork scores, median and
 * spread across forks, the ratios against the baselines, and whether the issue-2 target holds.
 * Accepts the usual JMH command-line options (-f, -wi, -i, -w, -r, -p, -prof ...).
 * Exit status 1 when a benchmark failed (drops, errors, stall), 0 otherwise.
 */
public final class RunBusBench {
    static final double TARGET_EVENTS_PER_SECOND = 2_000_000;
    private static final String BATCH = "busBatch";
    private static final String SINGLE = "busSingle";
    private static final String HANDOFF = "handoffBaseline";

    private RunBusBench() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        ChainedOptionsBuilder b = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            b.include(BusThroughputBenchmark.class.getName() + "\\.");
        }
        Collection<RunResult> results = new Runner(b.build()).run();

        Map<String, double[]> byLabel = new LinkedHashMap<>();
        Map<String, String> methodOf = new LinkedHashMap<>();
        for (RunResult r : results) {
            BenchmarkParams p = r.getParams();
            String method = p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.') + 1);
            StringBuilder label = new StringBuilder(method);
            for (String k : p.getParamsKeys()) {
                label.append(' ').append(k).append('=').append(p.getParam(k));
            }
            List<Double> forks = new ArrayList<>();
            for (BenchmarkResult br : r.getBenchmarkResults()) {
                forks.add(br.getPrimaryResult().getScore());
            }
            byLabel.put(label.toString(), forks.stream().mapToDouble(Double::doubleValue).toArray());
            methodOf.put(label.toString(), method);
        }

        System.out.println();
        System.out.println("==== Bus throughput: events/s delivered to all 3 subscribers (per fork = mean of its"
                + " measurement iterations) ====");
        System.out.printf("%-40s %12s %12s %12s %8s   %s%n", "benchmark", "median", "min", "max", "spread",
                "forks");
        Map<String, Double> median = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : byLabel.entrySet()) {
            double[] v = e.getValue().clone();
            java.util.Arrays.sort(v);
            double med = median(v);
            median.put(methodOf.get(e.getKey()), med);
            StringBuilder forks = new StringBuilder();
            for (double x : e.getValue()) {
                forks.append(String.format("%,.0f ", x));
            }
            System.out.printf("%-40s %,12.0f %,12.0f %,12.0f %7.1f%%   %s%n", e.getKey(), med, v[0], v[v.length - 1],
                    100 * (v[v.length - 1] - v[0]) / med, forks.toString().trim());
        }

        boolean failed = false;
        for (String m : List.of(BATCH, SINGLE, HANDOFF)) {
            if (!median.containsKey(m) && includesAll(cli)) {
                System.out.println("FAILED: " + m + " produced no result (drops, errors or a stall; see the log above)");
                failed = true;
            }
        }
        System.out.println();
        ratio(median, BATCH, HANDOFF, "bus (batch publish) / ArrayBlockingQueue hand-off");
        ratio(median, BATCH, SINGLE, "bus batch publish / bus single-event publish");
        ratio(median, SINGLE, HANDOFF, "bus single-event publish / ArrayBlockingQueue hand-off");
        if (median.containsKey(BATCH)) {
            double[] v = byLabel.entrySet().stream().filter(e -> methodOf.get(e.getKey()).equals(BATCH))
                    .findFirst().orElseThrow().getValue();
            long forksBelow = java.util.Arrays.stream(v).filter(x -> x < TARGET_EVENTS_PER_SECOND).count();
            System.out.printf("%nTarget (issue 2): >= %,.0f events/s through 2 enrichers to 3 subscribers: %s"
                    + " (median %,.0f; %d of %d forks below)%n", TARGET_EVENTS_PER_SECOND,
                    median.get(BATCH) >= TARGET_EVENTS_PER_SECOND ? "MET" : "NOT MET", median.get(BATCH), forksBelow,
                    v.length);
        }
        System.exit(failed ? 1 : 0);
    }

    private static boolean includesAll(CommandLineOptions cli) {
        return cli.getIncludes().isEmpty();
    }

    private static void ratio(Map<String, Double> median, String a, String b, String what) {
        if (median.containsKey(a) && median.containsKey(b)) {
            System.out.printf("ratio %-58s %6.2fx%n", what + ":", median.get(a) / median.get(b));
        }
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
