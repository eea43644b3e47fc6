package io.infrasight.itest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What bpftool says the distribution's JVM holds. */
final class Bpf {
    private Bpf() {
    }

    /** The Karaf JVM of this distribution (bin/karaf runs java as a child, not by exec). */
    static long karafPid(Path home) throws IOException {
        String needle = "-Dkaraf.home=" + home.toAbsolutePath();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    if (cmd.contains(needle) && cmd.contains("org.apache.karaf.main.Main")) {
                        return Long.parseLong(name);
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        }
        throw new IllegalStateException("no Karaf JVM with " + needle);
    }

    static int programsOf(long pid) throws IOException {
        return distinctIds(pid, "prog_id:");
    }

    static int mapsOf(long pid) throws IOException {
        return distinctIds(pid, "map_id:");
    }

    /**
     * Distinct BPF program or map ids among the process's open file descriptors (from fdinfo; this
     * bpftool is built without pid iterators, so it cannot say who holds what).
     */
    private static int distinctIds(long pid, String key) throws IOException {
        java.util.Set<String> ids = new java.util.HashSet<>();
        try (var fds = Files.list(Path.of("/proc", Long.toString(pid), "fdinfo"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    for (String line : Files.readAllLines(fd)) {
                        if (line.startsWith(key)) {
                            ids.add(line.substring(key.length()).trim());
                        }
                    }
                } catch (IOException closed) {
                    // the descriptor was closed while we looked
                }
            }
        }
        return ids.size();
    }
}
