package io.infrasight.probe.open;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes a path relative to a dirfd or the cwd absolute, from /proc/&lt;pid&gt;/fd/&lt;dirfd&gt; or
 * /proc/&lt;pid&gt;/cwd. Done in user space because the kernel side has only tracepoints here, where
 * bpf_d_path is not allowed and a bounded dentry walk misses mounts; the cost is a race: if the
 * process closed the fd, changed directory or exited before we decode, the path stays relative
 * (and the failure is counted). See docs/bpf.md.
 */
class PathResolver {
    static final int AT_FDCWD = -100;
    private long failures;

    String resolve(int pid, int dirfd, String relative) {
        Path base = Path.of("/proc", Integer.toString(pid), dirfd == AT_FDCWD ? "cwd" : "fd/" + dirfd);
        try {
            String dir = Files.readSymbolicLink(base).toString();
            if (!dir.startsWith("/")) {
                failures++;   // e.g. "pipe:[123]" or "anon_inode:...": not a directory path
                return relative;
            }
            String rel = relative.startsWith("./") ? relative.substring(2) : relative;
            return dir.endsWith("/") ? dir + rel : dir + "/" + rel;
        } catch (IOException | UnsupportedOperationException e) {
            failures++;
            return relative;
        }
    }

    /** Relative paths that could not be resolved; read only on the poll thread. */
    long failures() {
        return failures;
    }
}
