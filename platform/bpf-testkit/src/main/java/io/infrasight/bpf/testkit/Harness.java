package io.infrasight.bpf.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.infrasight.api.spi.EventSource;
import io.infrasight.api.spi.SourceState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the probe tests share: waiting for RUNNING, helper processes, counting kernel objects. */
public final class Harness {
    /** How often the runner refreshes kernel counters (ProbeRunner.COUNTER_REFRESH_NS). */
    public static final long COUNTER_REFRESH_MS = 500;

    private Harness() {
    }

    public static void awaitRunning(EventSource probe) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!probe.state().state().equals(SourceState.RUNNING) && System.currentTimeMillis() < deadline) {
            assertFalse(probe.state().state().equals(SourceState.FAILED), probe.state().reason());
            Thread.sleep(10);
        }
        assertEquals(SourceState.RUNNING, probe.state().state(), probe.state().reason());
    }

    /** Starts {@code python3 -c script args...}; the caller waits. */
    public static Process python(String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("python3", "-c", script));
        cmd.addAll(Arrays.asList(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Runs {@code python3 -c script args...} to its end (20 s at most), asserts exit 0, returns its output. */
    public static String runPython(String script, String... args) throws Exception {
        return finish(python(script, args));
    }

    public static String finish(Process p) throws Exception {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("helper process did not finish in 20 s");
        }
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /**
     * BPF objects this JVM holds: its fds on programs, maps, links and the perf events tracepoints
     * are attached through. Every program and map of a probe lives only as long as such an fd, so
     * "back to the count before" means nothing leaked; and unlike counting the kernel's programs,
     * other processes loading probes at the same time (other tests, a booted distribution) cannot
     * disturb it.
     */
    public static int ownBpfFds() throws java.io.IOException {
        int n = 0;
        try (java.nio.file.DirectoryStream<java.nio.file.Path> fds =
                java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc/self/fd"))) {
            for (java.nio.file.Path fd : fds) {
                try {
                    String target = java.nio.file.Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("anon_inode:bpf") || target.equals("anon_inode:[perf_event]")) {
                        n++;
                    }
                } catch (java.io.IOException closedMeanwhile) {
                    // the directory stream's own fd, or one closed while we looked
                }
            }
        }
        return n;
    }
}
