package io.infrasight.itest;

import com.fasterxml.jackson.databind.JsonNode;
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
                            .replace('\\0', ' ');
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

    static int programsOf(long pid) throws Exception {
        return heldBy("prog", pid);
    }

    static int mapsOf(long pid) throws Exception {
        return heldBy("map", pid);
    }

    private static int heldBy(String what, long pid) throws Exception {
        Process p = new ProcessBuilder("bpftool", "-j", what, "show").redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("bpftool " + what + " show failed");
        }
        int n = 0;
        for (JsonNode item : Distribution.JSON.readTree(out)) {
            for (JsonNode owner : item.path("pids")) {
                if (owner.path("pid").asLong() == pid) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }
}
