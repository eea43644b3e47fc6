package io.infrasight.probe.open;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.OpenEvent;
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
 * The open probe against the running kernel (root). The opens come from child processes (shell)
 * so that the exact flags, mode and dirfd are the ones we chose, not the JVM's.
 */
class OpenProbeTest {
    static final int O_WRONLY = 01;
    static final int O_CREAT = 0100;
    static final int O_ACCMODE_MASK = O_WRONLY | O_CREAT;

    @TempDir
    Path dir;
    private OpenProbe probe;
    private final Collector bus = new Collector();
    private final RecordingConfigProblems problems = new RecordingConfigProblems();

    private void start(String... prefixes) throws InterruptedException {
        probe = new OpenProbe(ProbeSettings.of(OpenProbeConfig.PID, true, 1024, true, null, null, prefixes), problems);
        probe.start(bus);
        Harness.awaitRunning(probe);
    }

    @AfterEach
    void stop() {
        if (probe != null) {
            probe.stop();
        }
    }

    private Process sh(Path cwd, String script) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", script).directory(cwd.toFile()).redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
        return p;
    }

    @Test
    void createWithAbsolutePathYieldsPathFlagsModeAndFd() throws Exception {
        start();
        Path file = dir.resolve("abs-" + UUID.randomUUID());
        // the shell's '>' is open(O_WRONLY|O_CREAT|O_TRUNC, 0666) on fd >= 3, then dup2 to 1
        Process p = sh(dir, "umask 022; : > " + file);
        OpenEvent e = bus.await(OpenEvent.class, x -> x.path().equals(file.toString()), 3000)
                .orElseThrow(() -> new AssertionError("no open event for " + file + "; " + probe.counters()));
        assertEquals(p.pid(), e.header().pid());
        assertEquals(O_WRONLY | O_CREAT, e.flags() & O_ACCMODE_MASK, "flags 0" + Integer.toOctalString(e.flags()));
        assertEquals(0666, e.mode(), "mode 0" + Integer.toOctalString(e.mode()));
        assertTrue(e.header().retval() >= 0, "an fd: " + e.header().retval());
        assertTrue(e.syscall().startsWith("open"), e.syscall());
        assertTrue(Files.exists(file));
    }

    @Test
    void pathRelativeToTheCwdIsMadeAbsolute() throws Exception {
        start();
        String name = "rel-" + UUID.randomUUID();
        // sleep keeps the process alive while user space reads /proc/<pid>/cwd
        sh(dir, ": > " + name + "; sleep 0.3");
        OpenEvent e = bus.await(OpenEvent.class, x -> x.path().endsWith(name), 3000).orElseThrow();
        assertEquals(dir.toRealPath().resolve(name).toString(), e.path());
        assertEquals(O_WRONLY | O_CREAT, e.flags() & O_ACCMODE_MASK);
    }

    @Test
    void pathRelativeToADirectoryFdIsMadeAbsolute() throws Exception {
        start();
        Path sub = Files.createDirectories(dir.resolve("sub"));
        String name = "dirfd-" + UUID.randomUUID();
        // the helper opens sub/ as a dirfd and creates <name> with openat(dirfd, name, O_CREAT|O_WRONLY, 0640)
        Process p = new ProcessBuilder("target/openat", sub.toString(), name).redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
        OpenEvent e = bus.await(OpenEvent.class, x -> x.path().endsWith(name), 3000)
                .orElseThrow(() -> new AssertionError("no openat event for " + name + "; " + probe.counters()));
        assertEquals(sub.toRealPath().resolve(name).toString(), e.path());
        assertEquals("openat", e.syscall());
        assertEquals(O_WRONLY | O_CREAT, e.flags() & O_ACCMODE_MASK);
        assertEquals(0640, e.mode());
        assertTrue(e.header().retval() >= 3, "fd " + e.header().retval());
    }

    @Test
    void failedOpenCarriesTheErrno() throws Exception {
        start();
        Path missing = dir.resolve("missing-" + UUID.randomUUID());
        new ProcessBuilder("/bin/cat", missing.toString()).start().waitFor();
        OpenEvent e = bus.await(OpenEvent.class, x -> x.path().equals(missing.toString()), 3000).orElseThrow();
        assertEquals(-2, e.header().retval(), "ENOENT");
    }

    @Test
    void pathPrefixFilterKeepsOnlyMatchingPathsAndCountsTheRest() throws Exception {
        Path kept = Files.createDirectories(dir.resolve("kept"));
        Path other = Files.createDirectories(dir.resolve("other"));
        start(kept.toString() + "/");
        String name = "f-" + UUID.randomUUID();
        sh(dir, ": > " + other.resolve(name) + "; : > " + kept.resolve(name));
        bus.await(OpenEvent.class, x -> x.path().equals(kept.resolve(name).toString()), 3000)
                .orElseThrow(() -> new AssertionError("kept path not reported"));
        assertTrue(bus.events.stream().noneMatch(x -> x instanceof OpenEvent o && o.path().startsWith(other.toString())),
                "a path outside the prefixes reached Java");
        Thread.sleep(1100);
        assertTrue(probe.counters().get("kernel_filtered_path") >= 1, probe.counters().toString());
    }

    @Test
    void rejectedPathPrefixIsReportedToConfigProblems() {
        probe = new OpenProbe(ProbeSettings.of(OpenProbeConfig.PID, true, 1024, true, null, null,
                new String[] {"relative/dir", "/tmp/"}), problems);
        assertEquals(1L, probe.counters().get("config_problems"));
        List<ConfigProblem> reported = problems.byReporter.get(OpenProbeConfig.PID + "#component");
        assertEquals(1, reported == null ? 0 : reported.size(), problems.byReporter.toString());
        assertEquals("pathPrefixes", reported.get(0).property());
        assertEquals("relative/dir", reported.get(0).value());
        probe.deactivate();
        assertTrue(problems.list().isEmpty(), "a deactivated probe keeps no problems in status");
    }
}
