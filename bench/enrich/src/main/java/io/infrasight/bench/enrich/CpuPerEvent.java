package io.infrasight.bench.enrich;

import io.infrasight.api.event.Event;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * CPU time per event (thread CPU time, not wall time), for a machine shared with other builds:
 * when the load average is many times the core count, JMH's wall-clock ns/op mostly measures how
 * long the thread waited for a core. Same world and event mix as {@link EnrichBenchmark}.
 *
 * <pre>java -cp target/enrich-benchmarks.jar io.infrasight.bench.enrich.CpuPerEvent [rounds]</pre>
 */
public final class CpuPerEvent {
    private CpuPerEvent() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (EnrichmentWorld w = new EnrichmentWorld()) {
            Event[] events = w.events(8192, 42);
            Event[] afterContainer = new Event[events.length];
            for (int i = 0; i < events.length; i++) {
                afterContainer[i] = w.container.enrich(w.users.enrich(w.process.enrich(events[i])));
            }
            Map<String, UnaryOperator<Event>> cases = new LinkedHashMap<>();
            cases.put("chain", w::enrichAll);
            cases.put("chainWithoutFormat", w::enrichFirstFour);
            io.infrasight.enrich.format.internal.Formatter noLatency = new io.infrasight.enrich.format.internal.Formatter(
                    new io.infrasight.enrich.format.internal.Formatter.Settings(false, true, true));
            cases.put("chainLatencyMsOff", e -> noLatency.enrich(w.enrichFirstFour(e)));
            cases.put("process", w.process::enrich);
            cases.put("users", w.users::enrich);
            cases.put("container", w.container::enrich);
            cases.put("k8s", w.k8s::enrich);
            cases.put("format", w.format::enrich);
            Map<String, Object> five = Map.of("a.1", "x", "a.2", "y", "a.3", 3, "a.4", true, "a.5", "z");
            cases.put("baselineContextCopy", e -> e.withContext(e.header().context().with(five)));
            long sink = 0;
            for (Map.Entry<String, UnaryOperator<Event>> c : cases.entrySet()) {
                Event[] in = c.getKey().equals("k8s") ? afterContainer : events;
                double[] per = new double[rounds];
                for (int r = -3; r < rounds; r++) { // three warm-up rounds
                    int n = 1 << 20;
                    long t0 = mx.getCurrentThreadCpuTime();
                    for (int i = 0; i < n; i++) {
                        sink += c.getValue().apply(in[i & (in.length - 1)]).header().context().asMap().size();
                    }
                    long dt = mx.getCurrentThreadCpuTime() - t0;
                    if (r >= 0) {
                        per[r] = (double) dt / n;
                    }
                }
                java.util.Arrays.sort(per);
                System.out.printf("%-20s median %7.1f ns CPU/event  (min %.1f, max %.1f, %d rounds of 1M events)%n",
                        c.getKey(), per[rounds / 2], per[0], per[rounds - 1], rounds);
            }
            System.out.println("(checksum " + sink + ")");
            for (Map.Entry<String, Map<String, Long>> e : w.counters().entrySet()) {
                Map<String, Long> c = e.getValue();
                long hits = c.getOrDefault("hits", 0L);
                long misses = c.getOrDefault("misses", 0L);
                System.out.printf("%-9s hit rate %.3f%% (hits %d, misses %d)%n", e.getKey(),
                        hits + misses == 0 ? 0.0 : 100.0 * hits / (hits + misses), hits, misses);
                System.out.println("          " + c);
            }
        }
    }
}
