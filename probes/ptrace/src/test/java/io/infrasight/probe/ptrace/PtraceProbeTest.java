package io.infrasight.probe.ptrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.PtraceEvent;
import io.infrasight.api.spi.SourceState;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.bpf.ProbeSettings;
import io.infrasight.bpf.testkit.Collector;
import io.infrasight.bpf.testkit.Harness;
import io.infrasight.bpf.testkit.RecordingConfigProblems;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ptrace probe against the running kernel (root): python3 helpers issue raw ptrace syscalls
 * (101 on x86-64; glibc's wrapper changes PEEK semantics) against children of their own.
 */
class PtraceProbeTest {
    static final int ESRCH = 3;
    static final String PTRACE = "import ctypes, os, subprocess, sys, time\n"
            + "libc = ctypes.CDLL(None, use_errno=True)\n"
            + "L = ctypes.c_long\n"
            + "def ptrace(req, pid, addr=0, data=0):\n"
            + "    return libc.syscall(L(101), L(req), L(pid), L(addr), L(data))\n";

    private PtraceProbe probe;
    private final Collector bus = new Collector();
    private final RecordingConfigProblems problems = new RecordingConfigProblems();

    private void start() throws InterruptedException {
        probe = new PtraceProbe(ProbeSettings.of(PtraceProbeConfig.PID, true, 256, true, null, null, null), problems);
        probe.start(bus);
        Harness.awaitRunning(probe);
    }

    @AfterEach
    void stop() {
        if (probe != null) {
            probe.stop();
        }
    }

    private PtraceEvent await(String request, long pid) throws InterruptedException {
        return bus.await(PtraceEvent.class, x -> x.requestName().equals(request) && x.header().pid() == pid, 5000)
                .orElseThrow(() -> new AssertionError("no " + request + " event of pid " + pid + "; got " + bus.events
                        + "; counters " + probe.counters()));
    }

    @Test
    void attachingToAChildYieldsPtraceAttachWithTheTargetPidThenDetach() throws Exception {
        start();
        Process p = Harness.python(PTRACE + "child = subprocess.Popen(['sleep', '10'])\n"
                + "assert ptrace(16, child.pid) == 0, ctypes.get_errno()\n"
                + "os.waitpid(child.pid, 0)\n"
                + "assert ptrace(17, child.pid) == 0\n"
                + "print(child.pid)\nchild.kill(); child.wait()\n");
        int child = Integer.parseInt(Harness.finish(p).strip());
        PtraceEvent attach = await("PTRACE_ATTACH", p.pid());
        assertEquals(16, attach.request());
        assertEquals(child, attach.targetPid());
        assertEquals(0, attach.header().retval());
        assertEquals("python3", attach.header().comm());
        PtraceEvent detach = await("PTRACE_DETACH", p.pid());
        assertEquals(child, detach.targetPid());
        assertTrue(detach.header().monoNanos() > attach.header().monoNanos());
    }

    @Test
    void childCallingTracemeYieldsPtraceTracemeFromTheChild() throws Exception {
        start();
        Process p = Harness.python(PTRACE + "pid = os.fork()\n"
                + "if pid == 0:\n    os._exit(0 if ptrace(0, 0) == 0 else 1)\n"
                + "_, st = os.waitpid(pid, 0)\nassert os.WEXITSTATUS(st) == 0\nprint(pid)\n");
        int child = Integer.parseInt(Harness.finish(p).strip());
        PtraceEvent e = await("PTRACE_TRACEME", child);
        assertEquals(0, e.request());
        assertEquals(p.pid(), e.header().ppid(), "the forked child's parent is the helper");
        assertEquals(0, e.header().retval());
    }

    @Test
    void peekIntoAnUntracedProcessFailsWithEsrchAndKeepsAddr() throws Exception {
        start();
        Process p = Harness.python(PTRACE + "child = subprocess.Popen(['sleep', '10'])\n"
                + "assert ptrace(2, child.pid, 0x1234, 0) == -1\nchild.kill(); child.wait()\n");
        Harness.finish(p);
        PtraceEvent e = await("PTRACE_PEEKDATA", p.pid());
        assertEquals(-ESRCH, e.header().retval());
        assertEquals(0x1234, e.addr());
    }

    @Test
    void unknownRequestIsNamedByItsNumberWithTargetAddrAndData() throws Exception {
        start();
        Process p = Harness.python(PTRACE + "assert ptrace(0x7777, os.getppid(), 0xabc, 0xdef) == -1\n");
        Harness.finish(p);
        PtraceEvent e = await("PTRACE_30583", p.pid());
        assertEquals(0x7777, e.request());
        assertEquals(ProcessHandle.current().pid(), e.targetPid());
        assertEquals(0xabc, e.addr());
        assertEquals(0xdef, e.data());
        assertTrue(e.header().retval() < 0);
    }

    @Test
    void disabledProbeLoadsNothingAndSaysSo() {
        probe = new PtraceProbe(ProbeSettings.of(PtraceProbeConfig.PID, false, 256, true, null, null, null), problems);
        probe.start(bus);
        assertEquals(SourceState.DISABLED, probe.state().state());
    }

    @Test
    void badRingBufferSizeFallsBackAndIsReportedAsAConfigProblem() {
        probe = new PtraceProbe(ProbeSettings.of(PtraceProbeConfig.PID, true, 3, true, null, null, null), problems);
        assertEquals(1L, probe.counters().get("config_problems"));
        List<ConfigProblem> reported = problems.byReporter.get(PtraceProbeConfig.PID + "#component");
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
            Process p = Harness.python(PTRACE + "ptrace(2, os.getppid(), 0, 0)\n");
            Harness.finish(p);
            await("PTRACE_PEEKDATA", p.pid());
            probe.stop();
            assertEquals(SourceState.STOPPED, probe.state().state());
            assertEquals(fds, Harness.ownBpfFds(), "BPF programs, maps or links left after round " + i);
        }
    }
}
