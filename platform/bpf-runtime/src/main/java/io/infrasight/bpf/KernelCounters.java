package io.infrasight.bpf;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Names of the per-CPU "counters" array every probe object has ({@code enum counter_index} in
 * events.h), in index order, as they appear in status and metrics.
 */
public final class KernelCounters {
    public static final String MAP = "counters";
    static final String[] NAMES = {
        "kernel_emitted", "kernel_dropped_ringbuf_full", "kernel_filtered_self", "kernel_filtered_comm",
        "kernel_filtered_uid", "kernel_filtered_path", "kernel_stash_miss", "kernel_read_errors",
        "kernel_filtered_other",
    };
    public static final int EMITTED = 0;
    public static final int RB_FULL = 1;
    public static final int FILTERED_SELF = 2;
    public static final int FILTERED_COMM = 3;
    public static final int FILTERED_UID = 4;
    public static final int FILTERED_PATH = 5;

    private KernelCounters() {
    }

    public static Map<String, Long> named(long[] sums) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.length; i++) {
            m.put(NAMES[i], i < sums.length ? sums[i] : 0L);
        }
        return m;
    }
}
