package io.infrasight.probe.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.ExecEvent;
import io.infrasight.api.spi.SourceState;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.bpf.ProbeSettings;
import io.infrasight.bpf.testkit.Collector;
import io.infrasight.bpf.testkit.Harness;
import io.infrasight.bpf.testkit.RecordingConfigProblems;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exec probe against the running kernel (root): commands run here must come back as events. */
class ExecProbeTest {
    private ExecProbe probe;
    private final Collector bus = new Collector();
    private final RecordingConfigProblems problems = new RecordingConfigProblems();

    private void start(String[] excludedComms) throws InterruptedException {
        probe = new ExecProbe(ProbeSettings.of(ExecProbeConfig.PID, true, 1024, true, excludedComms, new int[0],
                new String[0]), problems);
        probe.start(bus);
        Harness.awaitRunning(probe);
    }

    @AfterEach
    void stop() {
        if (probe != null) {
            probe.stop();
        }
    }

    @Test
    void commandWithKnownArgumentsYieldsExecEventWithPidPpidUidFilenameAndArgv() throws Exception {
        start(new String[0]);
        String marker = "marker-" + UUID.randomUUID();
        Process p = new ProcessBuilder("/bin/echo", marker, "two words").start();
        p.waitFor();
        ExecEvent e = bus.await(ExecEvent.class, x -> x.argv().contains(marker), 3000)
                .orElseThrow(() -> new AssertionError("no exec event for " + marker + "; counters " + probe.counters()));
        assertEquals("/bin/echo", e.filename());
        assertEquals(List.of("/bin/echo", marker, "two words"), e.argv());
        assertFalse(e.argvTruncated());
        assertEquals(p.pid(), e.header().pid());
        assertEquals(ProcessHandle.current().pid(), e.header().ppid());
        assertEquals(0, e.header().uid());   // the tests run as root
        assertEquals(0, e.header().euid());
        assertEquals("echo", e.header().comm());
        assertEquals(0, e.header().retval());
        assertTrue(e.header().latencyNs() > 0);
        long skewMs = Math.abs(e.header().timeNanos() / 1_000_000 - System.currentTimeMillis());
        assertTrue(skewMs < 5000, "wall clock derived from the monotonic stamp is " + skewMs + " ms off");
        assertFalse(e.exeMemfd());
        assertFalse(e.exeDeleted());
    }

    @Test
    void failedExecIsReportedWithItsErrno() throws Exception {
        start(new String[0]);
        String missing = "/nonexistent-" + UUID.randomUUID();
        try {
            new ProcessBuilder(missing).start();
        } catch (java.io.IOException expected) {
            // the JVM's spawn helper tried, and the kernel said ENOENT
        }
        ExecEvent e = bus.await(ExecEvent.class, x -> x.filename().equals(missing), 3000)
                .orElseThrow(() -> new AssertionError("no exec event for " + missing));
        assertEquals(-2, e.header().retval(), "ENOENT");
    }

    @Test
    void longArgumentListIsCutAndMarkedTruncated() throws Exception {
        start(new String[0]);
        String marker = "marker-" + UUID.randomUUID();
        List<String> cmd = new java.util.ArrayList<>(List.of("/bin/echo", marker));
        for (int i = 0; i < 40; i++) {
            cmd.add("arg" + i);
        }
        new ProcessBuilder(cmd).start().waitFor();
        ExecEvent e = bus.await(ExecEvent.class, x -> x.argv().contains(marker), 3000).orElseThrow();
        assertTrue(e.argvTruncated());
        assertEquals(32, e.argv().size(), "at most EXEC_ARGS_MAX arguments");
    }

    @Test
    void memfdBackedExecutableIsMarked() throws Exception {
        start(new String[0]);
        String marker = "marker-" + UUID.randomUUID();
        new ProcessBuilder("target/fdexec", "memfd", marker).start().waitFor();
        // the helper's own exec carries the marker too: the one we want is its fexecve of the child
        ExecEvent e = bus.await(ExecEvent.class, x -> x.argv().equals(List.of("fdexec-child", marker)), 3000)
                .orElseThrow(() -> new AssertionError("no fexecve event; got " + bus.events));
        assertTrue(e.exeMemfd(), e.toString());
        assertFalse(e.exeDeleted());
        assertTrue(e.filename().startsWith("/dev/fd/"), "fexecve's empty path is reported as the kernel saw it: "
                + e.filename());
    }

    @Test
    void deletedExecutableIsMarked() throws Exception {
        start(new String[0]);
        String marker = "marker-" + UUID.randomUUID();
        new ProcessBuilder("target/fdexec", "deleted", marker).start().waitFor();
        // the helper's own exec carries the marker too: the one we want is its fexecve of the child
        ExecEvent e = bus.await(ExecEvent.class, x -> x.argv().equals(List.of("fdexec-child", marker)), 3000)
                .orElseThrow(() -> new AssertionError("no fexecve event; got " + bus.events));
        assertTrue(e.exeDeleted(), e.toString());
        assertFalse(e.exeMemfd());
    }

    @Test
    void filteredCommNeverReachesJavaAndIsCountedInTheKernel() throws Exception {
        start(new String[] {"true"});
        String marker = "marker-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            new ProcessBuilder("/bin/true", marker).start().waitFor();
        }
        new ProcessBuilder("/bin/echo", marker).start().waitFor();
        // echo ran after the true's: once its event is here, theirs would have been too
        bus.await(ExecEvent.class, x -> x.argv().contains(marker) && x.filename().equals("/bin/echo"), 3000)
                .orElseThrow(() -> new AssertionError("the unfiltered exec did not arrive"));
        assertTrue(bus.events.stream().noneMatch(x -> x instanceof ExecEvent ee && ee.filename().equals("/bin/true")
                && ee.argv().contains(marker)), "a filtered comm reached Java");
        Thread.sleep(ProbeRunnerTiming.COUNTER_REFRESH_MS * 2);
        assertTrue(probe.counters().get("kernel_filtered_comm") >= 3, probe.counters().toString());
    }

    @Test
    void disabledProbeLoadsNothingAndSaysSo() {
        probe = new ExecProbe(ProbeSettings.of(ExecProbeConfig.PID, false, 1024, true, null, null, null), problems);
        probe.start(bus);
        assertEquals(SourceState.DISABLED, probe.state().state());
    }

    @Test
    void badRingBufferSizeFallsBackAndIsCountedAndReportedAsAConfigProblem() throws Exception {
        probe = new ExecProbe(ProbeSettings.of(ExecProbeConfig.PID, true, 1000, true, null, null, null), problems);
        assertEquals(1L, probe.counters().get("config_problems"));
        List<ConfigProblem> reported = problems.byReporter.get(ExecProbeConfig.PID + "#component");
        assertEquals(1, reported == null ? 0 : reported.size(), problems.byReporter.toString());
        assertEquals("ringBufferKib", reported.get(0).property());
        assertEquals("1000", reported.get(0).value());
        probe.deactivate();
        assertTrue(problems.list().isEmpty(), "a deactivated probe keeps no problems in status");
    }

    @Test
    void startingAndStoppingFiveTimesWorksEachTimeAndLeavesNoProgramsOrMapsBehind() throws Exception {
        int progs = kernelCount("prog");
        int maps = kernelCount("map");
        for (int i = 0; i < 5; i++) {
            start(new String[0]);
            String marker = "round-" + i + "-" + UUID.randomUUID();
            new ProcessBuilder("/bin/echo", marker).start().waitFor();
            bus.await(ExecEvent.class, x -> x.argv().contains(marker), 3000)
                    .orElseThrow(() -> new AssertionError("no event in a restarted probe"));
            probe.stop();
            assertEquals(SourceState.STOPPED, probe.state().state());
            assertTrue(awaitAtMost("prog", progs) <= progs, "programs left after round " + i);
            assertTrue(awaitAtMost("map", maps) <= maps, "maps left after round " + i);
        }
    }

    /** BPF programs or maps in the kernel, counted by bpftool. */
    static int kernelCount(String what) throws Exception {
        Process p = new ProcessBuilder("bpftool", "-j", what, "show").start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out.split("\"id\":", -1).length - 1;
    }

    /** The kernel frees maps from a work queue: wait up to 3 s for the count to drop. */
    static int awaitAtMost(String what, int expected) throws Exception {
        long deadline = System.currentTimeMillis() + 3000;
        int n = kernelCount(what);
        while (n > expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            n = kernelCount(what);
        }
        return n;
    }

    /** How often the runner refreshes kernel counters (ProbeRunner.COUNTER_REFRESH_NS). */
    static final class ProbeRunnerTiming {
        static final long COUNTER_REFRESH_MS = 500;
    }
}
