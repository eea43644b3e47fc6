package io.infrasight.bpf.probe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Absolute paths for what the kernel side only saw as an fd or a relative path, from
 * /proc/&lt;pid&gt;/fd/&lt;fd&gt; and /proc/&lt;pid&gt;/cwd. Done in user space because tracepoint programs
 * may not call bpf_d_path and a bounded dentry walk misses mount points (docs/bpf.md). The price is
 * a race: a process that closed the fd or exited before we decode (&lt;= 10 ms later) keeps the
 * relative form or an empty path, and the failure is counted.
 */
public final class ProcPaths {
    public static final int AT_FDCWD = -100;
    private final AtomicLong failures = new AtomicLong();

    /** {@code path} made absolute against {@code dirfd} (or the cwd for AT_FDCWD); as given if it cannot be. */
    public String resolve(int pid, int dirfd, String path) {
        if (path.startsWith("/")) {
            return path;
        }
        String dir = link(pid, dirfd == AT_FDCWD ? "cwd" : "fd/" + dirfd);
        if (dir == null || !dir.startsWith("/")) {
            failures.incrementAndGet();   // gone, or "pipe:[123]"/"anon_inode:..": not a directory
            return path;
        }
        if (path.isEmpty()) {
            return dir;   // AT_EMPTY_PATH: the dirfd itself
        }
        String rel = path.startsWith("./") ? path.substring(2) : path;
        return dir.endsWith("/") ? dir + rel : dir + "/" + rel;
    }

    /** What fd {@code fd} of process {@code pid} refers to ("/a/file", "socket:[..]"), or "" if gone. */
    public String fdPath(int pid, int fd) {
        String s = link(pid, "fd/" + fd);
        if (s == null) {
            failures.incrementAndGet();
            return "";
        }
        return s;
    }

    private static String link(int pid, String what) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Integer.toString(pid), what)).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** Paths that could not be resolved (the counter {@code unresolved_paths}). */
    public long failures() {
        return failures.get();
    }
}
