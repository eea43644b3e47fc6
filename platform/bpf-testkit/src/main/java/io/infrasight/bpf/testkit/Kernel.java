package io.infrasight.bpf.testkit;

/**
 * BPF programs and maps in the kernel by name and id (bpftool). A leaked timer keeps a program
 * alive without any fd in our process, so leaks are looked for in the kernel, not in our fds; and
 * by the ids this test loaded, because other processes (a harness, a booted distribution) may run
 * the same probe at the same time.
 */
public final class Kernel {
    private Kernel() {
    }

    /** Ids of the programs or maps with this name. */
    public static java.util.Set<Integer> ids(String what, String name) throws Exception {
        Process p = new ProcessBuilder("bpftool", "-j", what, "show").start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        java.util.Set<Integer> ids = new java.util.TreeSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\"id\":(\\d+),(?:\"type\":\"[^\"]*\",)?\"name\":\""
                + java.util.regex.Pattern.quote(name) + "\"").matcher(out);
        while (m.find()) {
            ids.add(Integer.parseInt(m.group(1)));
        }
        return ids;
    }

    /** Of {@code ids}, how many are still loaded after waiting up to 5 s (maps and timers are freed from a work queue). */
    public static int awaitGone(String what, String name, java.util.Set<Integer> ids) throws Exception {
        long deadline = System.currentTimeMillis() + 5000;
        java.util.Set<Integer> left = new java.util.TreeSet<>(ids);
        left.retainAll(ids(what, name));
        while (!left.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            left.retainAll(ids(what, name));
        }
        return left.size();
    }
}
