package io.infrasight.probe.mmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.MmapEvent;
import io.infrasight.api.event.MprotectEvent;
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
 * The mmap probe against the running kernel (root): python3 helpers issue raw mmap (9) and
 * mprotect (10) syscalls with lengths that are not page multiples (the kernel rounds them up; the
 * event keeps what was asked for), so they are told apart from the interpreter's own mappings.
 */
class MmapProbeTest {
    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    static final int PROT_EXEC = 4;
    static final int MAP_PRIVATE = 0x02;
    static final int MAP_ANONYMOUS = 0x20;
    static final String MEM = "import ctypes, os, sys, time\n"
            + "libc = ctypes.CDLL(None, use_errno=True)\n"
            + "libc.syscall.restype = ctypes.c_long\n"
            + "L = ctypes.c_long\n"
            + "def mmap(length, prot, flags, fd=-1, off=0):\n"
            + "    a = libc.syscall(L(9), L(0), L(length), L(prot), L(flags), L(fd), L(off))\n"
            + "    assert a > 0, ctypes.get_errno()\n"
            + "    return a\n"
            + "def mprotect(addr, length, prot):\n"
            + "    assert libc.syscall(L(10), L(addr), L(length), L(prot)) == 0, ctypes.get_errno()\n";

    @TempDir
    Path dir;
    private MmapProbe probe;
    private final Collector bus = new Collector();
    private final RecordingConfigProblems problems = new RecordingConfigProblems();

    private void start() throws InterruptedException {
        start(false);
    }

    private void start(boolean onlyWriteExec) throws InterruptedException {
        probe = new MmapProbe(ProbeSettings.of(MmapProbeConfig.PID, true, 1024, true, null, null, null), problems,
                onlyWriteExec);
        probe.start(bus);
        Harness.awaitRunning(probe);
    }

    @AfterEach
    void stop() {
        if (probe != null) {
            probe.stop();
        }
    }

    private MmapEvent awaitMmap(long pid, long length) throws InterruptedException {
        return bus.await(MmapEvent.class, x -> x.header().pid() == pid && x.length() == length, 5000)
                .orElseThrow(() -> new AssertionError("no mmap of " + length + " bytes by " + pid + "; counters "
                        + probe.counters()));
    }

    private MprotectEvent awaitMprotect(long pid, long length, int prot) throws InterruptedException {
        return bus.await(MprotectEvent.class, x -> x.header().pid() == pid && x.length() == length && x.prot() == prot,
                5000).orElseThrow(() -> new AssertionError("no mprotect(" + length + ", " + prot + ") by " + pid
                        + "; got " + bus.events.stream().filter(x -> x instanceof MprotectEvent).toList()));
    }

    @Test
    void anonymousReadWriteExecMappingIsMarkedWriteExec() throws Exception {
        start();
        long len = 7 * 4096 + 7;
        Process p = Harness.python(MEM + "print(mmap(%d, 7, 0x22))".formatted(len));
        long addr = Long.parseLong(Harness.finish(p).strip());
        MmapEvent e = awaitMmap(p.pid(), len);
        assertTrue(e.writeExec(), e.toString());
        assertEquals(PROT_READ | PROT_WRITE | PROT_EXEC, e.prot());
        assertEquals(MAP_PRIVATE | MAP_ANONYMOUS, e.flags());
        assertEquals(-1, e.fd());
        assertEquals("", e.path());
        assertEquals(addr, e.header().retval(), "the result is the mapped address");
        assertEquals(0, e.addr(), "no address hint given");
    }

    @Test
    void readWriteMappingIsNotMarked() throws Exception {
        start();
        long len = 5 * 4096 + 5;
        Process p = Harness.python(MEM + "mmap(%d, 3, 0x22)".formatted(len));
        Harness.finish(p);
        MmapEvent e = awaitMmap(p.pid(), len);
        assertFalse(e.writeExec());
        assertEquals(PROT_READ | PROT_WRITE, e.prot());
    }

    @Test
    void mprotectFromReadWriteToReadExecIsMarkedButNotLaterChanges() throws Exception {
        start();
        long len = 3 * 4096 + 3;
        Process p = Harness.python(MEM + "a = mmap(%d, 3, 0x22)\n".formatted(len)
                + "mprotect(a, %d, 5)\n".formatted(len)   // RW -> RX: marked
                + "mprotect(a, %d, 1)\n".formatted(len)   // RX -> R: not marked
                + "b = mmap(%d, 1, 0x22)\nmprotect(b, %d, 4)\n".formatted(len + 4096, len + 4096)   // R -> X: not marked
                + "print(a)\n");
        long addr = Long.parseLong(Harness.finish(p).strip());
        MprotectEvent rx = awaitMprotect(p.pid(), len, PROT_READ | PROT_EXEC);
        assertTrue(rx.writeExec(), "RW -> RX " + rx);
        assertEquals(addr, rx.addr());
        assertEquals(0, rx.header().retval());
        assertFalse(awaitMprotect(p.pid(), len, PROT_READ).writeExec(), "RX -> R");
        assertFalse(awaitMprotect(p.pid(), len + 4096, PROT_EXEC).writeExec(), "a region never writable made X");
    }

    @Test
    void mprotectToReadWriteExecIsMarkedAndFailuresCarryTheErrno() throws Exception {
        start();
        long len = 9 * 4096 + 9;
        Process p = Harness.python(MEM + "a = mmap(%d, 1, 0x22)\nmprotect(a, %d, 7)\n".formatted(len, len)
                + "assert libc.syscall(L(10), L(a + 1), L(4099), L(1)) == -1\n");   // unaligned: EINVAL
        Harness.finish(p);
        assertTrue(awaitMprotect(p.pid(), len, 7).writeExec());
        MprotectEvent bad = awaitMprotect(p.pid(), 4099, PROT_READ);
        assertEquals(-22, bad.header().retval(), "EINVAL");
    }

    @Test
    void fileMappingCarriesFdOffsetAndThePathOfTheFile() throws Exception {
        start();
        Path f = Files.write(dir.resolve("m-" + UUID.randomUUID()), new byte[3 * 4096]);
        long len = 2 * 4096 + 2;
        Process p = Harness.python(MEM + "fd = os.open(sys.argv[1], os.O_RDONLY)\n"
                + "mmap(%d, 1, 0x02, fd, 4096)\ntime.sleep(0.5)\n".formatted(len), f.toString());
        Harness.finish(p);
        MmapEvent e = awaitMmap(p.pid(), len);
        assertEquals(f.toString(), e.path());
        assertTrue(e.fd() >= 3);
        assertEquals(MAP_PRIVATE, e.flags());
        assertFalse(e.writeExec());
    }

    @Test
    void onlyWriteExecKeepsTheMarkedCallsAndCountsTheRestInTheKernel() throws Exception {
        start(true);
        long rw = 13 * 4096 + 13;
        long rwx = 17 * 4096 + 17;
        Process p = Harness.python(MEM + "a = mmap(%d, 3, 0x22)\n".formatted(rw)
                + "mprotect(a, %d, 1)\n".formatted(rw)        // RW -> R: not marked
                + "mprotect(a, %d, 5)\n".formatted(rw)        // R -> RX (was writable? no: R now): not marked
                + "b = mmap(%d, 3, 0x22)\nmprotect(b, %d, 5)\n".formatted(rwx, rwx)   // RW -> RX: marked
                + "mmap(%d, 7, 0x22)\n".formatted(rwx));      // RWX: marked
        Harness.finish(p);
        assertTrue(awaitMprotect(p.pid(), rwx, PROT_READ | PROT_EXEC).writeExec());
        assertTrue(bus.await(MmapEvent.class, x -> x.header().pid() == p.pid() && x.length() == rwx, 5000)
                .orElseThrow().writeExec());
        assertTrue(bus.events.stream().allMatch(x -> x instanceof MmapEvent m ? m.writeExec()
                : ((MprotectEvent) x).writeExec()), "only marked calls reach Java");
        Thread.sleep(Harness.COUNTER_REFRESH_MS * 2);
        assertTrue(probe.counters().get("kernel_filtered_other") >= 3, probe.counters().toString());
    }

    @Test
    void disabledProbeLoadsNothingAndSaysSo() {
        probe = new MmapProbe(ProbeSettings.of(MmapProbeConfig.PID, false, 256, true, null, null, null), problems, false);
        probe.start(bus);
        assertEquals(SourceState.DISABLED, probe.state().state());
    }

    @Test
    void badRingBufferSizeFallsBackAndIsReportedAsAConfigProblem() {
        probe = new MmapProbe(ProbeSettings.of(MmapProbeConfig.PID, true, 3, true, null, null, null), problems, false);
        assertEquals(1L, probe.counters().get("config_problems"));
        List<ConfigProblem> reported = problems.byReporter.get(MmapProbeConfig.PID + "#component");
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
            long len = 11 * 4096 + 11;
            Process p = Harness.python(MEM + "mmap(%d, 3, 0x22)".formatted(len));
            Harness.finish(p);
            awaitMmap(p.pid(), len);
            probe.stop();
            assertEquals(SourceState.STOPPED, probe.state().state());
            assertEquals(fds, Harness.ownBpfFds(), "BPF programs, maps or links left after round " + i);
        }
    }
}
