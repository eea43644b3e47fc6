package io.infrasight.probe.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.infrasight.api.spi.EventSource;
import io.infrasight.api.spi.SourceState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the probe tests share: waiting for RUNNING, helper processes, counting kernel objects. */
final class Harness {
    /** How often the runner refreshes kernel counters (ProbeRunner.COUNTER_REFRESH_NS). */
    static final long COUNTER_REFRESH_MS = 500;

    private Harness() {
    }

    static void awaitRunning(EventSource probe) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!probe.state().state().equals(SourceState.RUNNING) && System.currentTimeMillis() < deadline) {
            assertFalse(probe.state().state().equals(SourceState.FAILED), probe.state().reason());
            Thread.sleep(10);
        }
        assertEquals(SourceState.RUNNING, probe.state().state(), probe.state().reason());
    }

    /** Starts {@code python3 -c script args...}; the caller waits. */
    static Process python(String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("python3", "-c", script));
        cmd.addAll(Arrays.asList(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    /** Runs {@code python3 -c script args...} to its end (20 s at most), asserts exit 0, returns its output. */
    static String runPython(String script, String... args) throws Exception {
        return finish(python(script, args));
    }

    static String finish(Process p) throws Exception {
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("helper process did not finish in 20 s");
        }
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /**
     * BPF programs or maps in the kernel whose name is one of {@code names}, counted by bpftool.
     * By name, not in total: other probes may load and unload on this machine at the same time.
     */
    static int kernelCount(String what, java.util.Set<String> names) throws Exception {
        Process p = new ProcessBuilder("bpftool", "-j", what, "show").start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"name\":\"([^\"]*)\"").matcher(out);
        int n = 0;
        while (m.find()) {
            if (names.contains(m.group(1))) {
                n++;
            }
        }
        return n;
    }

    /** The kernel frees maps from a work queue: wait up to 3 s for the count to drop to {@code expected}. */
    static int awaitAtMost(String what, java.util.Set<String> names, int expected) throws Exception {
        long deadline = System.currentTimeMillis() + 3000;
        int n = kernelCount(what, names);
        while (n > expected && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            n = kernelCount(what, names);
        }
        return n;
    }
}
