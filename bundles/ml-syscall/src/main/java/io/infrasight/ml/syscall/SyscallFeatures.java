package io.infrasight.ml.syscall;

import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.SyscallFrequencyEvent;
import io.infrasight.api.syscall.SyscallNames;
import io.infrasight.ml.FeatureFamily;
import io.infrasight.ml.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Syscall-mix features (docs/ml.md): the share of each syscall in the interval's calls (the mix
 * says what a program does, whatever its speed), the call rate, and for aggregates the process
 * count. Feature names carry syscall numbers ({@code sys.59}), so stored models do not depend on
 * whether a syscall table is bound; alerts show names. A model's schema keeps the most frequent
 * syscalls of its learning data; calls outside it, including syscalls first seen after learning,
 * add to {@code sys.other}.
 */
public final class SyscallFeatures implements FeatureFamily {
    static final String PREFIX = "sys.";
    static final String OTHER = "sys.other";
    static final List<String> FEATURES = List.of("syscalls_per_s", "processes", OTHER);

    private final Supplier<SyscallNames> names;

    public SyscallFeatures() {
        this(() -> null);
    }

    /** {@code names}: the current syscall table or null, for {@link #describe} only. */
    public SyscallFeatures(Supplier<SyscallNames> names) {
        this.names = names;
    }

    @Override
    public String name() {
        return "syscall";
    }

    @Override
    public EventKind kind() {
        return EventKind.SYSCALL_FREQUENCY;
    }

    @Override
    public Map<String, Double> raw(Event event) {
        if (!(event instanceof SyscallFrequencyEvent s) || s.intervalNs() <= 0 || s.counts().isEmpty()) {
            return Map.of();
        }
        Map<String, Double> m = new HashMap<>(s.counts().size() * 2);
        s.counts().forEach((nr, count) -> m.merge(PREFIX + nr, count == null ? Double.NaN : (double) count, Double::sum));
        return m;
    }

    @Override
    public double intervalSeconds(Event event) {
        return event instanceof SyscallFrequencyEvent s ? s.intervalNs() / 1e9 : Double.NaN;
    }

    @Override
    public Map<String, Double> features(Map<String, Double> raw, double seconds, int processes, Level level) {
        double total = 0;
        for (double v : raw.values()) {
            total += v;
        }
        Map<String, Double> f = new HashMap<>(raw.size() * 2 + 4);
        f.put("syscalls_per_s", Math.log1p(total / seconds));
        f.put("processes", Math.log1p(processes));
        if (total > 0) {
            for (Map.Entry<String, Double> e : raw.entrySet()) {
                f.put(e.getKey(), e.getValue() / total);
            }
        }
        return f;
    }

    @Override
    public List<String> fixedFeatures() {
        return FEATURES;
    }

    @Override
    public int maxOpenFeatures() {
        return 48;
    }

    @Override
    public String otherFeature() {
        return OTHER;
    }

    @Override
    public String describe(String feature) {
        SyscallNames table = names.get();
        if (table != null && feature.startsWith(PREFIX) && !feature.equals(OTHER)) {
            try {
                return PREFIX + table.name(Integer.parseInt(feature.substring(PREFIX.length())));
            } catch (NumberFormatException e) {
                return feature;
            }
        }
        return feature;
    }
}
