package io.infrasight.bpf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The compiled probe objects (infrasight-bpf-objects) and bpftool views of the kernel. */
final class TestObjects {
    private TestObjects() {
    }

    static byte[] bytes(String probe) {
        try (InputStream in = TestObjects.class.getResourceAsStream("/bpf/" + probe + ".bpf.o")) {
            if (in == null) {
                throw new IllegalStateException("no /bpf/" + probe + ".bpf.o on the test class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Polls for up to 3 s until the count is at most {@code expected} (objects of earlier tests may
     * still be on the kernel's free queue when the baseline is taken); returns the last count seen.
     */
    static int awaitCount(String what, int expected) throws Exception {
        long deadline = System.nanoTime() + 3_000_000_000L;
        int n = kernelCount(what);
        while (n > expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            n = kernelCount(what);
        }
        return n;
    }

    /** Number of BPF programs or maps the kernel holds ("prog" or "map"). */
    static int kernelCount(String what) throws Exception {
        Process p = new ProcessBuilder("bpftool", "-j", what, "show").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("bpftool " + what + ": " + out);
        }
        Matcher m = Pattern.compile("\"id\":").matcher(out);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
