package io.infrasight.probe.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.Event;
import io.infrasight.api.event.MountEvent;
import io.infrasight.api.event.UmountEvent;
import io.infrasight.api.spi.SourceState;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.bpf.ProbeSettings;
import io.infrasight.bpf.testkit.Collector;
import io.infrasight.bpf.testkit.Harness;
import io.infrasight.bpf.testkit.RecordingConfigProblems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mount probe against the running kernel (root). Every mount happens in a python3 helper run
 * under {@code unshare -m --propagation private}: a private mount namespace, so nothing is mounted
 * on the host even if a test fails half-way. The helper prints its namespace id first.
 */
class MountProbeTest {
    static final long MNT_DETACH = 2;
    static final long MS_NOSUID = 2;
    static final long MS_NODEV = 4;
    static final String MOUNT = "import ctypes, os, sys\n"
            + "libc = ctypes.CDLL(None, use_errno=True)\n"
            + "L = ctypes.c_long\n"
            + "def sc(nr, *a):\n"
            + "    return libc.syscall(L(nr), *[x if isinstance(x, bytes) or x is None else L(x) for x in a])\n"
            + "print(os.readlink('/proc/self/ns/mnt')[5:-1], flush=True)\n";

    @TempDir
    Path dir;
    private MountProbe probe;
    private final Collector bus = new Collector();
    private final RecordingConfigProblems problems = new RecordingConfigProblems();

    private void start() throws InterruptedException {
        probe = new MountProbe(ProbeSettings.of(MountProbeConfig.PID, true, 256, true, null, null, null), problems);
        probe.start(bus);
        Harness.awaitRunning(probe);
    }

    @AfterEach
    void stop() {
        if (probe != null) {
            probe.stop();
        }
    }

    /** Runs the script in a private mount namespace; returns the namespace id it printed. */
    private static long inPrivateNamespace(String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private", "python3", "-c",
                MOUNT + script));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = Harness.finish(p);
        return Long.parseLong(out.lines().findFirst().orElseThrow().strip());
    }

    private static long ownNamespace() throws Exception {
        String s = Files.readSymbolicLink(Path.of("/proc/self/ns/mnt")).toString();
        return Long.parseLong(s.substring(5, s.length() - 1));
    }

    private <T extends Event> T await(Class<T> type, Predicate<T> match, String what) throws InterruptedException {
        return bus.await(type, match, 5000).orElseThrow(() -> new AssertionError("no " + what + "; got " + bus.events + "; counters "
                        + probe.counters()));
    }

    @Test
    void tmpfsMountAndUmountInAPrivateNamespaceYieldBothEventsWithTheNamespaceId() throws Exception {
        start();
        Path target = Files.createDirectories(dir.resolve("mnt-" + UUID.randomUUID()));
        long ns = inPrivateNamespace("t = sys.argv[1].encode()\n"
                + "assert sc(165, b'infrasight-tmpfs', t, b'tmpfs', 6, b'size=1m') == 0, ctypes.get_errno()\n"
                + "assert sc(166, t, 2) == 0, ctypes.get_errno()\n", target.toString());
        MountEvent m = await(MountEvent.class, (MountEvent x) -> x.target().equals(target.toString()), "mount event");
        assertEquals("mount", m.syscall());
        assertEquals("infrasight-tmpfs", m.source());
        assertEquals("tmpfs", m.fsType());
        assertEquals(MS_NOSUID | MS_NODEV, m.flags());
        assertEquals(0, m.header().retval());
        assertEquals(ns, m.mntNsId(), "the helper's private mount namespace");
        assertNotEquals(ownNamespace(), m.mntNsId());
        // umount2's own exit handler emits the unmount (the reference platform never did)
        UmountEvent u = await(UmountEvent.class, (UmountEvent x) -> x.target().equals(target.toString()), "umount event");
        assertEquals(MNT_DETACH, u.flags());
        assertEquals(0, u.header().retval());
        assertEquals(ns, u.mntNsId());
        assertEquals(m.header().pid(), u.header().pid());
        assertTrue(u.header().monoNanos() > m.header().monoNanos());
        assertEquals(1, bus.events.stream().filter(x -> x instanceof MountEvent me
                && me.target().equals(target.toString())).count(), "the umount is not reported as a mount");
    }

    @Test
    void failedMountAndUmountCarryTheErrno() throws Exception {
        start();
        String missing = dir.resolve("missing-" + UUID.randomUUID()).toString();
        inPrivateNamespace("t = sys.argv[1].encode()\n"
                + "assert sc(165, b'none', t, b'tmpfs', 0, None) == -1\n"
                + "assert sc(166, t, 0) == -1\n", missing);
        MountEvent m = await(MountEvent.class, (MountEvent x) -> x.target().equals(missing), "failed mount");
        assertEquals(-2, m.header().retval(), "ENOENT");
        UmountEvent u = await(UmountEvent.class, (UmountEvent x) -> x.target().equals(missing), "failed umount");
        assertEquals(-2, u.header().retval(), "ENOENT");
    }

    @Test
    void newMountApiFsmountAndMoveMountAreReported() throws Exception {
        start();
        Path target = Files.createDirectories(dir.resolve("new-" + UUID.randomUUID()));
        long ns = inPrivateNamespace("t = sys.argv[1].encode()\n"
                + "fs = sc(430, b'tmpfs', 0)\nassert fs >= 0, ctypes.get_errno()\n"           // fsopen
                + "assert sc(431, fs, 6, None, None, 0) == 0, ctypes.get_errno()\n"            // fsconfig CMD_CREATE
                + "m = sc(432, fs, 0, 0)\nassert m >= 0, ctypes.get_errno()\n"                  // fsmount
                + "assert sc(429, m, b'', -100, t, 4) == 0, ctypes.get_errno()\n"               // move_mount F_EMPTY_PATH
                + "os.close(m); os.close(fs)\n"   // an open mount fd keeps the mount busy
                + "assert sc(166, t, 0) == 0, ctypes.get_errno()\n", target.toString());
        MountEvent fsmount = await(MountEvent.class, (MountEvent x) -> x.syscall().equals("fsmount")
                && x.mntNsId() == ns, "fsmount");
        assertTrue(fsmount.header().retval() >= 0, "the mount fd");
        MountEvent move = await(MountEvent.class, (MountEvent x) -> x.syscall().equals("move_mount")
                && x.target().equals(target.toString()), "move_mount");
        assertEquals(0, move.header().retval());
        assertEquals(4, move.flags(), "MOVE_MOUNT_F_EMPTY_PATH");
        assertEquals(ns, move.mntNsId());
        await(UmountEvent.class, (UmountEvent x) -> x.target().equals(target.toString()), "umount after move_mount");
    }

    @Test
    void disabledProbeLoadsNothingAndSaysSo() {
        probe = new MountProbe(ProbeSettings.of(MountProbeConfig.PID, false, 256, true, null, null, null), problems);
        probe.start(bus);
        assertEquals(SourceState.DISABLED, probe.state().state());
    }

    @Test
    void badRingBufferSizeFallsBackAndIsReportedAsAConfigProblem() {
        probe = new MountProbe(ProbeSettings.of(MountProbeConfig.PID, true, 3, true, null, null, null), problems);
        assertEquals(1L, probe.counters().get("config_problems"));
        List<ConfigProblem> reported = problems.byReporter.get(MountProbeConfig.PID + "#component");
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
            String missing = dir.resolve("round-" + i + "-" + UUID.randomUUID()).toString();
            inPrivateNamespace("sc(166, sys.argv[1].encode(), 0)\n", missing);
            await(UmountEvent.class, (UmountEvent x) -> x.target().equals(missing), "umount in round " + i);
            probe.stop();
            assertEquals(SourceState.STOPPED, probe.state().state());
            assertEquals(fds, Harness.ownBpfFds(), "BPF programs, maps or links left after round " + i);
        }
    }
}
