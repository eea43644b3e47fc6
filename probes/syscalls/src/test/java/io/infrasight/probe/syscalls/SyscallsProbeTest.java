package io.infrasight.probe.syscalls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.SyscallFrequencyEvent;
import io.infrasight.api.spi.SourceState;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.bpf.ProbeSettings;
import io.infrasight.bpf.testkit.Collector;
import io.infrasight.bpf.testkit.Harness;
import io.infrasight.bpf.testkit.Kernel;
import io.infrasight.bpf.testkit.RecordingConfigProblems;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The syscall frequency probe against the running kernel (root): a child compiled by the build
 * (src/test/c/syscall-mix.c) makes direct getppid/getuid syscalls, and exactly those counts must come
 * back for its pid.
 */
class SyscallsProbeTest {
    static final int GETUID = 102;
    static final int GETPPID = 110;
    static final Path MIX = Path.of("target", "syscall-mix");

    private SyscallsProbe probe;
    private final Collector bus = new Collector();
    private final RecordingConfigProblems problems = new RecordingConfigProblems();

    private void start(int intervalSeconds, String... excludedComms) throws InterruptedException {
        probe = new SyscallsProbe(ProbeSettings.of(SyscallsProbeConfig.PID, true, 1024, true, excludedComms,
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

    private static long run(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(MIX.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "syscall-mix did not finish");
        assertEquals(0, p.exitValue());
        return p.pid();
    }

    private Stream<SyscallFrequencyEvent> eventsOf(long pid) {
        return bus.events.stream().filter(e -> e instanceof SyscallFrequencyEvent && e.header().pid() == pid)
                .map(SyscallFrequencyEvent.class::cast);
    }

    private long total(long pid, int syscall) {
        return eventsOf(pid).mapToLong(e -> e.counts().getOrDefault(syscall, 0L)).sum();
    }

    /** Waits until the counts reach what is expected, then a little longer so that any surplus shows too. */
    private void awaitCounts(long pid, long getppid, long getuid) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while ((total(pid, GETPPID) < getppid || total(pid, GETUID) < getuid) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        Thread.sleep(300);
    }

    @Test
    void knownSyscallMixOfAChildIsCountedExactlyAndFlushedWhenItExits() throws Exception {
        start(10);
        long pid = run("10000", "5000");
        awaitCounts(pid, 10_000, 5_000);
        assertEquals(10_000, total(pid, GETPPID), "getppid; counters " + probe.counters());
        assertEquals(5_000, total(pid, GETUID), "getuid");
        // the process lived far less than the 10 s interval: what arrived is the exit flush
        SyscallFrequencyEvent e = eventsOf(pid).filter(x -> x.counts().containsKey(GETPPID)).findFirst().orElseThrow();
        assertEquals("syscall-mix", e.header().comm());
        assertEquals(ProcessHandle.current().pid(), e.header().ppid());
        assertEquals(0, e.header().uid());
        assertTrue(e.intervalNs() > 0 && e.intervalNs() < 10_000_000_000L, "interval " + e.intervalNs());
        assertTrue(e.counts().containsKey(231), "exit_group is counted too: " + e.counts());
    }

    @Test
    void countsSplitOverSeveralIntervalsAddUpExactly() throws Exception {
        start(1);
        // 10000 getppid, 1.5 s asleep (at least one harvest), 10000 more
        long pid = run("10000", "0", "1500", "10000");
        awaitCounts(pid, 20_000, 0);
        assertEquals(20_000, total(pid, GETPPID), "getppid; counters " + probe.counters());
        long withGetppid = eventsOf(pid).filter(x -> x.counts().containsKey(GETPPID)).count();
        assertTrue(withGetppid >= 2, "expected the counts in at least two intervals, got " + withGetppid);
        assertTrue(eventsOf(pid).allMatch(x -> x.intervalNs() > 0 && x.intervalNs() < 3_000_000_000L),
                "interval lengths near 1 s");
    }

    @Test
    void excludedCommIsNotCountedInTheKernel() throws Exception {
        start(10, "syscall-mix");
        long pid = run("1000", "0");
        long other = new ProcessBuilder("/bin/true").start().pid();
        // /bin/true exited after syscall-mix: once its flush is here, syscall-mix's would be too
        long deadline = System.currentTimeMillis() + 10_000;
        while (eventsOf(other).findAny().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(eventsOf(other).findAny().isPresent(), "the unfiltered process was not reported");
        // what the child did before its exec, under the JVM's name, is counted; nothing after it
        assertEquals(0, total(pid, GETPPID), "syscalls of an excluded comm were counted");
        Thread.sleep(1100);   // kernel counters are refreshed every 0.5 s
        assertTrue(probe.counters().get("kernel_filtered_comm") >= 1000, probe.counters().toString());
    }

    @Test
    void badIntervalFallsBackToTheDefaultAndIsReported() {
        probe = new SyscallsProbe(ProbeSettings.of(SyscallsProbeConfig.PID, true, 1024, true, null, null, null),
                () -> 0, problems);
        assertEquals(10_000_000_000L, probe.intervalNs());
        assertEquals(1L, probe.counters().get("config_problems"));
        List<ConfigProblem> reported = problems.byReporter.get(SyscallsProbe.PROBLEMS_KEY);
        assertEquals("intervalSeconds", reported.get(0).property());
        assertEquals("0", reported.get(0).value());
        probe.deactivate();
        assertTrue(problems.list().isEmpty(), "a deactivated probe keeps no problems in status");
    }

    @Test
    void disabledProbeLoadsNothingAndSaysSo() {
        probe = new SyscallsProbe(ProbeSettings.of(SyscallsProbeConfig.PID, false, 1024, true, null, null, null),
                () -> 10, problems);
        probe.start(bus);
        assertEquals(SourceState.DISABLED, probe.state().state());
    }

    @Test
    void startingAndStoppingFiveTimesWorksEachTimeAndLeavesNoProgramsMapsOrTimersBehind() throws Exception {
        for (int i = 0; i < 5; i++) {
            java.util.Set<Integer> progsBefore = Kernel.ids("prog", "sc_sys_enter");
            java.util.Set<Integer> mapsBefore = Kernel.ids("map", "sc_procs");
            start(1);
            long pid = run("100", "0");
            awaitCounts(pid, 100, 0);
            assertEquals(100, total(pid, GETPPID), "round " + i);
            Thread.sleep(1200);   // the timer has fired at least once: it must die with the object too
            java.util.Set<Integer> mine = Kernel.ids("prog", "sc_sys_enter");
            mine.removeAll(progsBefore);
            java.util.Set<Integer> mineMaps = Kernel.ids("map", "sc_procs");
            mineMaps.removeAll(mapsBefore);
            assertTrue(!mine.isEmpty() && !mineMaps.isEmpty(), "our program and map are loaded in round " + i);
            probe.stop();
            assertEquals(SourceState.STOPPED, probe.state().state());
            assertEquals(0, Kernel.awaitGone("prog", "sc_sys_enter", mine), "program left after round " + i);
            assertEquals(0, Kernel.awaitGone("map", "sc_procs", mineMaps), "map left after round " + i);
        }
    }
}
