package io.infrasight.probe.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.Event;
import io.infrasight.api.event.Lifecycle;
import io.infrasight.api.event.ResourceEvent;
import io.infrasight.api.spi.SourceState;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.bpf.ProbeSettings;
import io.infrasight.bpf.testkit.Collector;
import io.infrasight.bpf.testkit.Harness;
import io.infrasight.bpf.testkit.Kernel;
import io.infrasight.bpf.testkit.RecordingConfigProblems;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The resource probe against the running kernel (root). The child (src/test/c/burn.c, compiled by the
 * build) burns a known amount of CPU time, touches memory, moves bytes and exits; it prints its own
 * process CPU clock, which the probe's intervals must add up to.
 */
class ResourceProbeTest {
    static final Path BURN = Path.of("target", "burn");

    private ResourceProbe probe;
    private final Collector bus = new Collector();
    private final RecordingConfigProblems problems = new RecordingConfigProblems();

    private void start(int intervalSeconds, String... excludedComms) throws InterruptedException {
        probe = new ResourceProbe(ProbeSettings.of(ResourceProbeConfig.PID, true, 1024, true, excludedComms,
                new int[0], new String[0]), () -> intervalSeconds, problems);
        probe.start(bus);
        Harness.awaitRunning(probe);
    }

    @AfterEach
    void stop() {
        if (probe != null) {
            probe.stop();
        }
    }

    /** Runs burn; returns {pid, the child's own CLOCK_PROCESS_CPUTIME_ID at its end}. */
    private static long[] burn(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(BURN.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        String out;
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "burn did not finish");
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        } finally {
            p.destroyForcibly();   // never leave it running when the test fails
        }
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("cpu_ns="), out);
        return new long[] {p.pid(), Long.parseLong(out.substring(7))};
    }

    /** The process's records in kernel order, waiting (bounded) for its EXIT record. */
    private List<ResourceEvent> recordsUntilExit(long pid) throws InterruptedException {
        bus.await(ResourceEvent.class, e -> e.header().pid() == pid && e.lifecycle() == Lifecycle.EXIT, 10_000)
                .orElseThrow(() -> new AssertionError("no EXIT interval for " + pid + "; counters " + probe.counters()));
        return bus.events.stream().filter(e -> e instanceof ResourceEvent && e.header().pid() == pid)
                .map(ResourceEvent.class::cast).sorted(Comparator.comparingLong(e -> e.header().monoNanos())).toList();
    }

    private static long sum(List<ResourceEvent> rs, java.util.function.ToLongFunction<ResourceEvent> f) {
        return rs.stream().mapToLong(f).sum();
    }

    /** The probe's total may miss the last tick of the dying thread, never more than a few ms. */
    private static void assertCpuMatches(long childCpuNs, long probeCpuNs) {
        long slack = 50_000_000L + childCpuNs / 50;
        assertTrue(Math.abs(childCpuNs - probeCpuNs) <= slack,
                "probe says " + probeCpuNs + " ns of CPU, the child's own clock " + childCpuNs);
    }

    @Test
    void twoSecondsOfCpuInAChildAreAttributedToItWithItsFinalIntervalAfterExit() throws Exception {
        start(1);
        // 2 s of CPU in the main thread, 64 MiB touched, 512 KiB read and written
        long[] child = burn("2000", "0", "0", "64", "512");
        List<ResourceEvent> rs = recordsUntilExit(child[0]);
        long cpu = sum(rs, ResourceEvent::cpuNs);
        assertTrue(cpu >= 1_500_000_000L, "only " + cpu + " ns attributed; records " + rs);
        assertCpuMatches(child[1], cpu);

        ResourceEvent last = rs.get(rs.size() - 1);
        assertEquals(Lifecycle.EXIT, last.lifecycle(), "the final interval comes last");
        assertEquals(1, rs.stream().filter(e -> e.lifecycle() == Lifecycle.EXIT).count(), "one EXIT");
        assertEquals(0, last.threads());
        assertEquals("burn", last.header().comm());
        assertEquals(ProcessHandle.current().pid(), last.header().ppid());
        // 2 s of CPU at a 1 s interval: the timer reported it while it ran, the first as START
        assertTrue(rs.size() >= 2, "intervals " + rs);
        assertEquals(Lifecycle.START, rs.get(0).lifecycle());
        assertTrue(rs.subList(1, rs.size() - 1).stream().allMatch(e -> e.lifecycle() == Lifecycle.RUNNING));
        assertTrue(rs.stream().allMatch(e -> e.intervalNs() > 0 && e.intervalNs() < 5_000_000_000L), rs.toString());

        Thread.sleep(1500);   // more than an interval: a finished process must not come back
        assertEquals(rs.size(), bus.events.stream().filter(e -> e.header().pid() == child[0]).count(),
                "records after EXIT");

        assertTrue(sum(rs, ResourceEvent::minorFaults) >= 64 * 256, "64 MiB touched: at least 16384 minor faults");
        long maxRss = rs.stream().mapToLong(ResourceEvent::rssBytes).max().orElse(0);
        assertTrue(maxRss >= 64L << 20, "RSS while burning " + maxRss);
        assertTrue(sum(rs, ResourceEvent::readBytes) >= 512 * 1024, "read bytes " + sum(rs, ResourceEvent::readBytes));
        assertTrue(sum(rs, ResourceEvent::writeBytes) >= 512 * 1024, "written " + sum(rs, ResourceEvent::writeBytes));
    }

    @Test
    void threadsExitingOneByOneKeepTheirCpuInTheProcessTotals() throws Exception {
        start(1);
        // 4 threads burning 300, 600, 900, 1200 ms: they exit one after the other; main burns 200 ms
        long[] child = burn("200", "4", "300", "0", "0");
        List<ResourceEvent> rs = recordsUntilExit(child[0]);
        long cpu = sum(rs, ResourceEvent::cpuNs);
        assertTrue(cpu >= 3_200_000_000L, "threads' CPU lost: " + cpu + " ns; records " + rs);
        assertCpuMatches(child[1], cpu);
        int maxThreads = rs.stream().mapToInt(ResourceEvent::threads).max().orElse(0);
        assertTrue(maxThreads >= 2, "thread count seen " + maxThreads);
        assertEquals(Lifecycle.EXIT, rs.get(rs.size() - 1).lifecycle());
        assertEquals(1, rs.stream().filter(e -> e.lifecycle() == Lifecycle.EXIT).count(),
                "only the last thread's exit ends the process: " + rs);
    }

    @Test
    void threadThatExecsIsCountedOnceUnderItsNewPid() throws Exception {
        start(10);
        Process p = new ProcessBuilder(Path.of("target", "thread-exec").toAbsolutePath().toString(), "1000",
                "/bin/true").start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "thread-exec did not finish");
        } finally {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), "the exec'ed /bin/true exits 0");
        List<ResourceEvent> rs = recordsUntilExit(p.pid());
        long cpu = sum(rs, ResourceEvent::cpuNs);
        // 1 s in the thread before its exec, a few ms of start-up and /bin/true; twice would be 2 s
        assertTrue(cpu >= 900_000_000L && cpu <= 1_400_000_000L, "CPU " + cpu + " ns; records " + rs);
        assertEquals("true", rs.get(rs.size() - 1).header().comm(), "the header follows the exec");
    }

    @Test
    void aShellThatStartsTwentyOneChildrenAndThenAThreadReportsTwentyOneForks() throws Exception {
        start(1);
        // sh forks once per /bin/true; burn's thread is a clone with CLONE_THREAD, not a process
        Process p = new ProcessBuilder("sh", "-c", "for i in $(seq 20); do /bin/true; done; exec "
                + BURN.toAbsolutePath() + " 50 1 50 0 0").start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the shell did not finish");
        } finally {
            p.destroyForcibly();
        }
        List<ResourceEvent> rs = recordsUntilExit(p.pid());
        // seq is forked by $(...) too: one more child; burn's thread (after the exec, same pid) is none
        assertEquals(21, sum(rs, ResourceEvent::forks), "forks of the shell; records " + rs);
    }

    /**
     * Thousands of short-lived processes on every core, racing their exits against the scheduler's
     * accounting of them from other cores: none may be left in the probe's table, reported every
     * interval after it died (an aggregate would then carry a dead process for ever).
     */
    @Test
    void aForkStormLeavesNoDeadProcessBehind() throws Exception {
        start(1);
        int storms = Math.max(2, Runtime.getRuntime().availableProcessors());
        List<Process> ps = new ArrayList<>();
        try {
            for (int i = 0; i < storms; i++) {
                ps.add(new ProcessBuilder("sh", "-c", "i=0; while [ $i -lt 2500 ]; do /bin/true; i=$((i+1)); done").start());
            }
            for (Process p : ps) {
                assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the storm did not finish");
            }
        } finally {
            ps.forEach(Process::destroyForcibly);
        }
        java.util.Set<Long> stormPids = new java.util.HashSet<>();
        java.util.Set<Long> shells = new java.util.HashSet<>();
        ps.forEach(p -> shells.add(p.pid()));
        Thread.sleep(1500);   // every storm process's EXIT record is out
        for (Event e : bus.events) {
            if (e instanceof ResourceEvent r && shells.contains((long) r.header().ppid())) {
                stormPids.add((long) r.header().pid());
            }
        }
        assertTrue(stormPids.size() >= storms * 2000, "storm processes reported: " + stormPids.size());
        int seen = bus.events.size();
        Thread.sleep(2500);   // two more ticks
        List<ResourceEvent> ghosts = bus.events.stream().skip(seen).filter(e -> e instanceof ResourceEvent)
                .map(ResourceEvent.class::cast)
                .filter(r -> stormPids.contains((long) r.header().pid()) || shells.contains((long) r.header().pid()))
                .filter(r -> ProcessHandle.of(r.header().pid()).isEmpty()).toList();
        assertEquals(List.of(), ghosts, "dead processes still reported; counters " + probe.counters());
    }

    @Test
    void excludedCommIsNotAccounted() throws Exception {
        start(1, "burn");
        long[] child = burn("100", "0", "0", "0", "0");
        Process other = new ProcessBuilder("/bin/true").start();
        other.waitFor();
        bus.await(ResourceEvent.class, e -> e.header().pid() == other.pid() && e.lifecycle() == Lifecycle.EXIT, 10_000)
                .orElseThrow(() -> new AssertionError("the unfiltered process was not reported"));
        long cpu = bus.events.stream().filter(e -> e instanceof ResourceEvent && e.header().pid() == child[0])
                .mapToLong(e -> ((ResourceEvent) e).cpuNs()).sum();
        // before its exec the child was the JVM's spawn helper, under another name: that part counts
        assertTrue(cpu < 50_000_000L, "an excluded comm was accounted: " + cpu + " ns");
        Thread.sleep(1100);
        assertTrue(probe.counters().get("kernel_filtered_comm") > 0, probe.counters().toString());
    }

    @Test
    void badIntervalFallsBackToTheDefaultAndIsReported() {
        probe = new ResourceProbe(ProbeSettings.of(ResourceProbeConfig.PID, true, 1024, true, null, null, null),
                () -> 99_999, problems);
        assertEquals(10_000_000_000L, probe.intervalNs());
        List<ConfigProblem> reported = problems.byReporter.get(ResourceProbe.PROBLEMS_KEY);
        assertEquals("intervalSeconds", reported.get(0).property());
        assertEquals(1L, probe.counters().get("config_problems"));
        probe.deactivate();
        assertTrue(problems.list().isEmpty(), "a deactivated probe keeps no problems in status");
    }

    @Test
    void startingAndStoppingFiveTimesLeavesNoProgramsMapsOrTimersBehind() throws Exception {
        for (int i = 0; i < 5; i++) {
            java.util.Set<Integer> progsBefore = Kernel.ids("prog", "res_runtime");
            java.util.Set<Integer> mapsBefore = Kernel.ids("map", "res_procs");
            start(1);
            long[] child = burn("50", "0", "0", "0", "0");
            recordsUntilExit(child[0]);
            Thread.sleep(1200);   // the timer has fired: it must go with the object too
            java.util.Set<Integer> mine = Kernel.ids("prog", "res_runtime");
            mine.removeAll(progsBefore);
            java.util.Set<Integer> mineMaps = Kernel.ids("map", "res_procs");
            mineMaps.removeAll(mapsBefore);
            assertTrue(!mine.isEmpty() && !mineMaps.isEmpty(), "our program and map are loaded in round " + i);
            probe.stop();
            assertEquals(SourceState.STOPPED, probe.state().state());
            assertEquals(0, Kernel.awaitGone("prog", "res_runtime", mine), "program left after round " + i);
            assertEquals(0, Kernel.awaitGone("map", "res_procs", mineMaps), "map left after round " + i);
        }
    }
}
