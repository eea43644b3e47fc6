package io.infrasight.enrich.users.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One snapshot of the passwd and group files: id to name. The first line for an id wins, as it
 * does for getpwuid(3). Lines that do not parse are skipped and counted.
 */
final class UserDb {
    static final UserDb EMPTY = new UserDb(Map.of(), Map.of(), 0);

    final Map<Integer, String> users;
    final Map<Integer, String> groups;
    final int badLines;

    private UserDb(Map<Integer, String> users, Map<Integer, String> groups, int badLines) {
        this.users = users;
        this.groups = groups;
        this.badLines = badLines;
    }

    /** Thrown-free parse of already read files; either may be null when it could not be read. */
    static UserDb parse(List<String> passwd, List<String> group) {
        int[] bad = new int[1];
        Map<Integer, String> u = passwd == null ? Map.of() : table(passwd, bad);
        Map<Integer, String> g = group == null ? Map.of() : table(group, bad);
        return new UserDb(u, g, bad[0]);
    }

    /** name:password:id:... (both files put the numeric id third). */
    private static Map<Integer, String> table(List<String> lines, int[] bad) {
        HashMap<Integer, String> m = new HashMap<>(lines.size() * 2);
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("+") || line.startsWith("-")) {
                continue; // comments and NIS compat markers are not entries
            }
            String[] f = line.split(":", 4);
            if (f.length < 3 || f[0].isEmpty()) {
                bad[0]++;
                continue;
            }
            try {
                long id = Long.parseLong(f[2].trim());
                if (id < 0 || id > 0xFFFF_FFFFL) {
                    bad[0]++;
                    continue;
                }
                m.putIfAbsent((int) id, f[0]);
            } catch (NumberFormatException e) {
                bad[0]++;
            }
        }
        return Map.copyOf(m);
    }

    static List<String> readLines(Path p) throws IOException {
        return Files.readAllLines(p, StandardCharsets.UTF_8);
    }
}
