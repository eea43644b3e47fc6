package io.infrasight.enrich.container.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real cgroups named the way runtimes name them, with a real process moved in through
 * cgroup.procs. Everything made here is removed in close(): the process first, then the
 * directories deepest first.
 */
final class CgroupFixture implements AutoCloseable {
    private final List<Path> made = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    /** Creates root/relative (each missing level), starts sleep, moves it in; returns the process. */
    Process run(Path root, String relative) throws IOException, InterruptedException {
        Path dir = root;
        for (String part : relative.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            dir = dir.resolve(part);
            if (!Files.exists(dir)) {
                Files.createDirectory(dir);
                made.add(dir);
            }
        }
        Process p = new ProcessBuilder("sleep", "60").start();
        processes.add(p);
        Files.writeString(dir.resolve("cgroup.procs"), Long.toString(p.pid()));
        return p;
    }

    static long inode(Path root, String relative) {
        return CgroupIndex.inode(root.resolve(relative.replaceFirst("^/", "")));
    }

    @Override
    public void close() throws Exception {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        for (int i = made.size() - 1; i >= 0; i--) {
            Path d = made.get(i);
            for (int attempt = 0; attempt < 50; attempt++) {
                try {
                    Files.deleteIfExists(d); // rmdir; fails with EBUSY until the killed process is reaped
                    break;
                } catch (IOException e) {
                    Thread.sleep(20);
                }
            }
        }
    }
}
