package io.infrasight.enrich.process.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Reads one process from /proc (or a configured root, e.g. the host's /proc mounted into an agent
 * container). A failure is returned as a reason, never thrown: the caller counts it.
 */
final class ProcReader {
    /** USER_HZ, the unit of /proc/<pid>/stat starttime; 100 on every Linux ABI we run on. */
    private static final long TICKS_PER_SECOND = 100;

    private final Path root;
    private final int cmdlineMax;
    private final long bootEpochNanos;

    ProcReader(Path root, int cmdlineMax) {
        this.root = root;
        this.cmdlineMax = cmdlineMax;
        this.bootEpochNanos = bootEpochNanos(root);
    }

    Path root() {
        return root;
    }

    /** The outcome of a read: the process, or why it could not be read. */
    record Result(ProcInfo info, String failure) {
    }

    Result read(int pid, long now) {
        Path dir = root.resolve(Integer.toString(pid));
        String stat;
        try {
            stat = new String(readAtMost(dir.resolve("stat"), 4096), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Result(null, "proc_gone");
        } catch (AccessDeniedException e) {
            return new Result(null, "unreadable");
        } catch (IOException e) {
            return new Result(null, "io_error");
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open || close + 2 > stat.length()) {
            return new Result(null, "parse");
        }
        String comm = stat.substring(open + 1, close);
        String[] f = stat.substring(close + 2).trim().split(" ");
        int ppid;
        long startTicks;
        try {
            ppid = Integer.parseInt(f[1]);
            startTicks = Long.parseLong(f[19]);
        } catch (RuntimeException e) {
            return new Result(null, "parse");
        }
        String exe;
        try {
            exe = Files.readSymbolicLink(dir.resolve("exe")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            exe = ""; // kernel threads and zombies have no exe; comm still names them
        }
        String cmdline;
        try {
            cmdline = cmdline(readAtMost(dir.resolve("cmdline"), cmdlineMax));
        } catch (IOException e) {
            cmdline = "";
        }
        String start = bootEpochNanos == 0 ? null
                : isoOf(bootEpochNanos + startTicks * (1_000_000_000L / TICKS_PER_SECOND));
        return new Result(new ProcInfo(pid, ppid, comm, exe, cmdline, start, 0, now, false, true), null);
    }

    static String isoOf(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
                Math.floorMod(epochNanos, 1_000_000_000L)).toString();
    }

    private static String cmdline(byte[] raw) {
        int n = raw.length;
        while (n > 0 && raw[n - 1] == 0) {
            n--;
        }
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = raw[i] == 0 ? (byte) ' ' : raw[i];
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] readAtMost(Path p, int max) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            return in.readNBytes(max);
        }
    }

    /** Wall-clock time of boot, once: now minus /proc/uptime (10 ms resolution, enough for start times). */
    private static long bootEpochNanos(Path root) {
        try {
            String up = Files.readString(root.resolve("uptime")).trim().split("\\s+")[0];
            long upNanos = (long) (Double.parseDouble(up) * 1e9);
            return System.currentTimeMillis() * 1_000_000L - upNanos;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
