package io.infrasight.api.syscall;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One architecture's syscall table: number to name and back. Immutable.
 *
 * <p>Read from the generated form {@code <number> TAB <name>} per line ({@link #parse}); the syscall
 * frequency probe generates it from {@code asm/unistd_64.h} at build time and registers the result as
 * a service with the property {@value #ARCH_PROPERTY} (e.g. {@code x86_64}), so nobody types the
 * table by hand.
 */
public final class SyscallNames {
    /** Service property naming the architecture of the table. */
    public static final String ARCH_PROPERTY = "infrasight.arch";

    private final String arch;
    private final Map<Integer, String> byNumber;
    private final Map<String, Integer> byName;

    private SyscallNames(String arch, Map<Integer, String> byNumber) {
        this.arch = arch;
        this.byNumber = Collections.unmodifiableMap(new TreeMap<>(byNumber));
        Map<String, Integer> names = new HashMap<>();
        byNumber.forEach((n, s) -> names.put(s, n));
        this.byName = Collections.unmodifiableMap(names);
    }

    /**
     * Parses {@code <number> TAB <name>} lines; blank lines and lines starting with {@code #} are
     * skipped.
     *
     * @throws IOException when the stream fails or a line is malformed (a broken table must not pass
     *                     as a short one)
     */
    public static SyscallNames parse(String arch, InputStream in) throws IOException {
        Objects.requireNonNull(arch, "arch");
        Map<Integer, String> m = new HashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int lineNo = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            try {
                if (f.length != 2 || f[1].isBlank()) {
                    throw new NumberFormatException("expected <number> TAB <name>");
                }
                m.put(Integer.parseInt(f[0].strip()), f[1].strip());
            } catch (NumberFormatException e) {
                throw new IOException("syscall table " + arch + ", line " + lineNo + ": " + e.getMessage()
                        + ": " + line);
            }
        }
        return new SyscallNames(arch, m);
    }

    public String arch() {
        return arch;
    }

    /** The name of syscall {@code number}, or {@code "sys_<number>"} when the table does not know it. */
    public String name(int number) {
        String n = byNumber.get(number);
        return n != null ? n : "sys_" + number;
    }

    /** The number of syscall {@code name}, or -1. */
    public int number(String name) {
        return byName.getOrDefault(name, -1);
    }

    /** Number to name, in number order. */
    public Map<Integer, String> asMap() {
        return byNumber;
    }

    public int size() {
        return byNumber.size();
    }

    /** The same counts keyed by name (for output meant for people). */
    public Map<String, Long> named(Map<Integer, Long> counts) {
        Map<String, Long> m = new TreeMap<>();
        counts.forEach((id, c) -> m.merge(name(id), c, Long::sum));
        return m;
    }

    @Override
    public String toString() {
        return "SyscallNames[" + arch + ", " + byNumber.size() + " syscalls]";
    }
}
