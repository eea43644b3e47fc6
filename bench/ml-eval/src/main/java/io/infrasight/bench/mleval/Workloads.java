package io.infrasight.bench.mleval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts processes inside the harness's cgroups and keeps them so that {@link #close()} ends every one.
 * A process moves itself into its group before it execs its command: the probes take a process's
 * header (and with it the cgroup id) when they first see it and again at exec, so the exec after the
 * move is what makes its events carry the group's id. Children inherit the group.
 */
final class Workloads implements AutoCloseable {
    private final Path logs;
    private final List<Process> started = new ArrayList<>();

    Workloads(Path logs) {
        this.logs = logs;
    }

    /** Starts {@code argv} in {@code cgroup}; its output goes to {@code <logs>/<name>.log}. */
    synchronized Process start(Path cgroup, String name, List<String> argv) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c",
                "echo $$ > '" + cgroup.resolve("cgroup.procs") + "' && exec \"$@\"", "in-cgroup"));
        cmd.addAll(argv);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile())).start();
        started.add(p);
        return p;
    }

    /** Ends every process started here (and their children, which the cgroup tree's kill gets too). */
    @Override
    public synchronized void close() {
        for (Process p : started) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : started) {
            try {
                p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        started.clear();
    }
}
