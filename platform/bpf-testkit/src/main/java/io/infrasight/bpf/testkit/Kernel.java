package io.infrasight.bpf.testkit;

/**
 * BPF programs and maps in the kernel by name (bpftool). By name, not in total, because other
 * engineers' tests load and unload their own objects on this machine at the same time.
 */
public final class Kernel {
    private Kernel() {
    }

    public static int count(String what, String name) throws Exception {
        Process p = new ProcessBuilder("bpftool", "-j", what, "show").start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out.split("\"name\":\"" + name + "\"", -1).length - 1;
    }

    /** The kernel frees maps (and their timers) from a work queue: wait up to 5 s for none to be left. */
    public static int awaitNone(String what, String name) throws Exception {
        long deadline = System.currentTimeMillis() + 5000;
        int n = count(what, name);
        while (n > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            n = count(what, name);
        }
        return n;
    }
}
