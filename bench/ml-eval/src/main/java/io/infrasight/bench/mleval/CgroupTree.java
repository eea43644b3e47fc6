package io.infrasight.bench.mleval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The harness's "containers": real cgroup v2 groups under {@code <unified>/infrasight-eval/<run>}. Each
 * group's id, as the probes report it in {@code EventHeader.cgroupId}, is the inode number of its
 * directory. Closing kills every process in the tree ({@code cgroup.kill}) and removes the directories,
 * so nothing the harness started survives it, also when the run fails.
 */
final class CgroupTree implements AutoCloseable {
    private static final long KILL_WAIT_MS = 10_000;

    private final Path parent;
    private final Path root;

    CgroupTree(String run) throws IOException, InterruptedException {
        this.parent = unified().resolve("infrasight-eval");
        removeStale(parent);
        this.root = Files.createDirectories(parent.resolve(run));
    }

    /**
     * Kills and removes the groups of earlier runs whose JVM is gone (a SIGKILL, e.g. surefire's fork
     * timeout, leaves no chance to clean up): their workloads would otherwise run on and disturb this run.
     */
    static void removeStale(Path parent) throws IOException, InterruptedException {
        if (!Files.isDirectory(parent)) {
            return;
        }
        List<Path> runs;
        try (Stream<Path> s = Files.list(parent)) {
            runs = s.filter(Files::isDirectory).toList();
        }
        for (Path run : runs) {
            String name = run.getFileName().toString();
            int dash = name.lastIndexOf('-');
            try {
                long pid = Long.parseLong(name.substring(dash + 1));
                if (ProcessHandle.of(pid).isPresent()) {
                    continue;   // a live run (another JVM on this machine): not ours to touch
                }
            } catch (NumberFormatException notOurs) {
                continue;
            }
            kill(run);
            removeTree(run);
        }
    }

    /** The cgroup v2 mount: /sys/fs/cgroup/unified on this hybrid machine, /sys/fs/cgroup on pure v2 hosts. */
    static Path unified() {
        Path hybrid = Path.of("/sys/fs/cgroup/unified");
        return Files.exists(hybrid.resolve("cgroup.procs")) ? hybrid : Path.of("/sys/fs/cgroup");
    }

    Path root() {
        return root;
    }

    /** Creates {@code relative} (and its parents) under the run's group. */
    Path create(String relative) throws IOException {
        return Files.createDirectories(root.resolve(relative));
    }

    /** The id the kernel reports for tasks in {@code dir}: its kernfs node id, which is the inode number. */
    static long id(Path dir) throws IOException {
        return ((Number) Files.getAttribute(dir, "unix:ino")).longValue();
    }

    /** Kills every process in {@code dir} and below and waits (bounded) until the group is empty. */
    static boolean kill(Path dir) throws IOException, InterruptedException {
        Path kill = dir.resolve("cgroup.kill");
        if (Files.exists(kill)) {
            Files.writeString(kill, "1");
        } else {
            killByList(dir);   // kernels before 5.14 have no cgroup.kill
        }
        long deadline = System.currentTimeMillis() + KILL_WAIT_MS;
        while (populated(dir)) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private static void killByList(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path procs : s.filter(p -> p.getFileName().toString().equals("cgroup.procs")).toList()) {
                for (String pid : Files.readAllLines(procs)) {
                    ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
    }

    /** True while a process lives in {@code dir} or one of its descendants ("populated 1" in cgroup.events). */
    static boolean populated(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return false;
        }
        for (String line : Files.readAllLines(dir.resolve("cgroup.events"))) {
            if (line.startsWith("populated ")) {
                return !line.endsWith(" 0");
            }
        }
        return false;
    }

    /** Removes the directories under and including {@code dir}, deepest first; returns the last failure. */
    private static IOException removeTree(Path dir) throws IOException, InterruptedException {
        List<Path> dirs;
        try (Stream<Path> s = Files.walk(dir)) {
            dirs = new ArrayList<>(s.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList());
        }
        IOException failed = null;
        for (Path d : dirs) {
            for (int i = 0; ; i++) {
                try {
                    Files.delete(d);   // rmdir; EBUSY until the last process in it has been reaped
                    break;
                } catch (IOException busy) {
                    if (i >= 100) {
                        failed = busy;
                        break;
                    }
                    Thread.sleep(50);
                }
            }
        }
        return failed;
    }

    /** Kills what runs in the tree, removes its directories deepest first; leaves infrasight-eval if others use it. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (!Files.exists(root)) {
            return;
        }
        boolean empty = kill(root);
        IOException failed = removeTree(root);
        try {
            Files.delete(parent);
        } catch (IOException othersStillThere) {
            // another run (or a leftover one) uses it; harmless
        }
        if (failed != null || !empty) {
            throw new IOException("could not clean up " + root + " (processes left: " + !empty + ")", failed);
        }
    }
}
