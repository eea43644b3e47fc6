package io.infrasight.bpf.probe;

import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigValues;
import io.infrasight.bpf.BpfException;
import io.infrasight.bpf.BpfObject;
import io.infrasight.bpf.ProbeRunner;
import io.infrasight.bpf.ProbeSettings;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A probe's settings plus the interval at which its kernel side harvests ({@code intervalSeconds},
 * 1 to 3600), for the probes that aggregate in the kernel (resource, syscalls). The interval is read
 * defensively like the other settings: a bad value joins their problems and the default is used.
 * As a {@link ProbeRunner.Configurer} it writes the interval into the object before load.
 */
public record IntervalSettings(ProbeSettings settings, long intervalNs) implements ProbeRunner.Configurer {
    /** The read-only variable of the BPF object that holds the interval. */
    public static final String CFG_INTERVAL_NS = "cfg_interval_ns";

    public static IntervalSettings read(String pid, ProbeSettings base, Supplier<Integer> intervalSeconds,
            int defaultSeconds) {
        List<ConfigProblem> extra = new ArrayList<>();
        int seconds = ConfigValues.read(pid, "intervalSeconds", intervalSeconds,
                v -> v >= 1 && v <= 3600, "must be 1 to 3600 seconds", defaultSeconds, extra);
        List<ConfigProblem> all = new ArrayList<>(base.problems());
        all.addAll(extra);
        ProbeSettings settings = new ProbeSettings(base.enabled(), base.ringBufferBytes(), base.excludeSelf(),
                base.taskFilters(), base.pathPrefixes(), all);
        return new IntervalSettings(settings, seconds * 1_000_000_000L);
    }

    /** Sets {@link #CFG_INTERVAL_NS} before the object is loaded. */
    @Override
    public void beforeLoad(BpfObject o) throws BpfException {
        o.setReadOnly(CFG_INTERVAL_NS, u64(intervalNs));
    }

    @Override
    public void afterLoad(BpfObject o) {
        // the interval is a read-only variable: nothing to fill after load
    }

    /** A u64 read-only variable's bytes (the machine's order, as the kernel reads it). */
    public static byte[] u64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(v).array();
    }
}
