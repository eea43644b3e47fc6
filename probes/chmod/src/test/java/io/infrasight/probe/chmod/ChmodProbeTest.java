package io.infrasight.probe.chmod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.ChmodEvent;
import io.infrasight.api.spi.SourceState;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.bpf.ProbeSettings;
import io.infrasight.bpf.testkit.Collector;
import io.infrasight.bpf.testkit.Harness;
import io.infrasight.bpf.testkit.RecordingConfigProblems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chmod probe against the running kernel (root). The calls come from a python3 helper that
 * issues the raw syscalls (glibc's chmod() is fchmodat underneath), so each variant is exercised.
 */
class ChmodProbeTest {
    static final int S_ISUID = 04000;
    /** x86-64 syscall numbers */
    static final String SYSCALLS = "import ctypes, os, sys, time\n"
            + "libc = ctypes.CDLL(None, use_errno=True)\n"
            + "L = ctypes.c_long\n"
            + "def sc(nr, *a):\n"
            + "    return libc.syscall(L(nr), *[x if isinstance(x, bytes) else L(x) for x in a])\n";

    @TempDir
    Path dir;
    private ChmodProbe probe;
    private final Collector bus = new Collector();
    private final RecordingConfigProblems problems = new RecordingConfigProblems();

    private void start(String... excludedComms) throws InterruptedException {
        probe = new ChmodProbe(ProbeSettings.of(ChmodProbeConfig.PID, true, 256, true, excludedComms, null, null),
                problems);
        probe.start(bus);
        Harness.awaitRunning(probe);
    }

    @AfterEach
    void stop() {
        if (probe != null) {
            probe.stop();
        }
    }

    private Path file() throws Exception {
        return Files.writeString(dir.resolve("f-" + UUID.randomUUID()), "x");
    }

    private ChmodEvent await(String syscall, Path file) throws InterruptedException {
        return bus.await(ChmodEvent.class, x -> x.syscall().equals(syscall) && x.path().equals(file.toString()), 5000)
                .orElseThrow(() -> new AssertionError("no " + syscall + " event for " + file + "; got "
                        + bus.events + "; counters " + probe.counters()));
    }

    @Test
    void chmodToSetuidYieldsAbsolutePathModeAndSetuidBit() throws Exception {
        start();
        Path f = file();
        Process p = Harness.python(SYSCALLS + "assert sc(90, sys.argv[1].encode(), 0o4755) == 0", f.toString());
        Harness.finish(p);
        ChmodEvent e = await("chmod", f);
        assertEquals(04755, e.mode(), "mode 0" + Integer.toOctalString(e.mode()));
        assertTrue((e.mode() & S_ISUID) != 0, "setuid bit");
        assertEquals(0, e.header().retval());
        assertEquals(p.pid(), e.header().pid());
        assertEquals("python3", e.header().comm());
        assertTrue(e.header().latencyNs() > 0);
        assertEquals(04755, 07777 & (int) Files.getAttribute(f, "unix:mode"), "the file really has the mode");
    }

    @Test
    void fchmodReportsThePathTheFdRefersTo() throws Exception {
        start();
        Path f = file();
        // the helper keeps running briefly: the fd's path is read from /proc while it lives
        Harness.runPython(SYSCALLS + "fd = os.open(sys.argv[1], os.O_RDONLY)\n"
                + "assert sc(91, fd, 0o2750) == 0\ntime.sleep(0.5)", f.toString());
        ChmodEvent e = await("fchmod", f);
        assertEquals(02750, e.mode());
        assertEquals(0, e.header().retval());
    }

    @Test
    void fchmodatAndFchmodat2RelativeToADirectoryFdAreMadeAbsolute() throws Exception {
        start();
        Path f = file();
        Harness.runPython(SYSCALLS + "d = os.open(os.path.dirname(sys.argv[1]), os.O_RDONLY)\n"
                + "n = os.path.basename(sys.argv[1]).encode()\n"
                + "assert sc(268, d, n, 0o640) == 0\n"
                // fchmodat2 (6.6+) with AT_SYMLINK_NOFOLLOW on a regular file
                + "assert sc(452, d, n, 0o600, 0x100) == 0\ntime.sleep(0.5)", f.toString());
        assertEquals(0640, await("fchmodat", f).mode());
        ChmodEvent e2 = await("fchmodat2", f);
        assertEquals(0600, e2.mode());
        assertEquals(0, e2.header().retval());
    }

    @Test
    void failedChmodCarriesTheErrno() throws Exception {
        start();
        Path missing = dir.resolve("missing-" + UUID.randomUUID());
        Harness.runPython(SYSCALLS + "assert sc(90, sys.argv[1].encode(), 0o777) == -1", missing.toString());
        ChmodEvent e = await("chmod", missing);
        assertEquals(-2, e.header().retval(), "ENOENT");
        assertEquals(0777, e.mode());
    }

    @Test
    void filteredCommNeverReachesJavaAndIsCountedInTheKernel() throws Exception {
        start("python3");
        Path f = file();
        Harness.runPython(SYSCALLS + "assert sc(90, sys.argv[1].encode(), 0o700) == 0", f.toString());
        // /bin/chmod runs after python: once its event is here, python's would have been too
        Process p = new ProcessBuilder("/bin/chmod", "0711", f.toString()).start();
        Harness.finish(p);
        bus.await(ChmodEvent.class, x -> x.path().equals(f.toString()) && x.mode() == 0711, 5000)
                .orElseThrow(() -> new AssertionError("the unfiltered chmod did not arrive: " + bus.events));
        assertTrue(bus.events.stream().noneMatch(x -> x instanceof ChmodEvent c && c.mode() == 0700),
                "a filtered comm reached Java");
        Thread.sleep(Harness.COUNTER_REFRESH_MS * 2);
        assertTrue(probe.counters().get("kernel_filtered_comm") >= 1, probe.counters().toString());
    }

    @Test
    void kernelWithoutFchmodat2RunsTheRestOfTheProbeAndCountsTheMissingSyscall() throws Exception {
        // a stand-in for tracefs' events/syscalls of a pre-6.6 kernel: no sys_enter_fchmodat2
        Path events = Files.createDirectories(dir.resolve("events"));
        for (String sys : new String[] {"chmod", "fchmod", "fchmodat"}) {
            Files.createDirectories(events.resolve("sys_enter_" + sys));
        }
        probe = new ChmodProbe(ProbeSettings.of(ChmodProbeConfig.PID, true, 256, true, null, null, null), problems,
                new io.infrasight.bpf.probe.OptionalSyscalls(ChmodProbe.OPTIONAL, List.of(events)));
        probe.start(bus);
        Harness.awaitRunning(probe);
        assertEquals(1L, probe.counters().get("syscalls_missing"));
        Path f = file();
        Harness.runPython(SYSCALLS + "d = os.open(os.path.dirname(sys.argv[1]), os.O_RDONLY)\n"
                + "n = os.path.basename(sys.argv[1]).encode()\n"
                + "assert sc(452, d, n, 0o600, 0x100) == 0\n"
                + "assert sc(268, d, n, 0o640) == 0\ntime.sleep(0.5)", f.toString());
        await("fchmodat", f);
        assertTrue(bus.events.stream().noneMatch(x -> x instanceof ChmodEvent c && c.syscall().equals("fchmodat2")),
                "fchmodat2 was left out, yet reported");
    }

    @Test
    void disabledProbeLoadsNothingAndSaysSo() {
        probe = new ChmodProbe(ProbeSettings.of(ChmodProbeConfig.PID, false, 256, true, null, null, null), problems);
        probe.start(bus);
        assertEquals(SourceState.DISABLED, probe.state().state());
    }

    @Test
    void badRingBufferSizeFallsBackAndIsReportedAsAConfigProblem() {
        probe = new ChmodProbe(ProbeSettings.of(ChmodProbeConfig.PID, true, 1000, true, null, null, null), problems);
        assertEquals(1L, probe.counters().get("config_problems"));
        List<ConfigProblem> reported = problems.byReporter.get(ChmodProbeConfig.PID + "#component");
        assertEquals(1, reported == null ? 0 : reported.size(), problems.byReporter.toString());
        assertEquals("ringBufferKib", reported.get(0).property());
        probe.deactivate();
        assertTrue(problems.list().isEmpty(), "a deactivated probe keeps no problems in status");
    }

    @Test
    void startingAndStoppingThreeTimesWorksEachTimeAndLeavesNoProgramsOrMapsBehind() throws Exception {
        int fds = Harness.ownBpfFds();
        for (int i = 0; i < 3; i++) {
            start();
            assertTrue(Harness.ownBpfFds() > fds, "programs and maps held while running, round " + i);
            Path f = file();
            Harness.finish(new ProcessBuilder("/bin/chmod", "0604", f.toString()).start());
            bus.await(ChmodEvent.class, x -> x.path().equals(f.toString()), 5000)
                    .orElseThrow(() -> new AssertionError("no event in a restarted probe"));
            probe.stop();
            assertEquals(SourceState.STOPPED, probe.state().state());
            assertEquals(fds, Harness.ownBpfFds(), "BPF programs, maps or links left after round " + i);
        }
    }
}
