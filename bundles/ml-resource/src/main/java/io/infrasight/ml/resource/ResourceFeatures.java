package io.infrasight.ml.resource;

import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.Lifecycle;
import io.infrasight.api.event.ResourceEvent;
import io.infrasight.ml.FeatureFamily;
import io.infrasight.ml.Level;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resource usage features (docs/ml.md). A process vector keeps absolute amounts per interval plus
 * the interval's length, because a process's first and last intervals are short: a compiler that
 * lives 0.2 s at full CPU is normal, a miner at full CPU for whole intervals is not, and rates alone
 * would make them look alike. Container and host vectors are sums over their processes as rates
 * per second, with process counts and starts/exits per second (a fork storm shows there). The
 * processes a process started ({@code forks}) show a fork storm in its parent too. Every
 * amount is log1p-scaled: workloads differ by orders of magnitude.
 */
public final class ResourceFeatures implements FeatureFamily {
    static final List<String> FEATURES = List.of("cpu_ms", "cpu_share", "minor_faults", "major_faults", "read_kib",
            "write_kib", "rss_mib", "threads", "interval_s", "processes", "starts_per_s", "exits_per_s", "forks");

    @Override
    public String name() {
        return "resource";
    }

    @Override
    public EventKind kind() {
        return EventKind.RESOURCE;
    }

    @Override
    public Map<String, Double> raw(Event event) {
        if (!(event instanceof ResourceEvent r) || r.intervalNs() <= 0) {
            return Map.of();
        }
        Map<String, Double> m = new HashMap<>(16);
        m.put("cpu_ns", (double) r.cpuNs());
        m.put("minflt", (double) r.minorFaults());
        m.put("majflt", (double) r.majorFaults());
        m.put("read_bytes", (double) r.readBytes());
        m.put("write_bytes", (double) r.writeBytes());
        m.put("rss_bytes", (double) r.rssBytes());
        m.put("threads", (double) r.threads());
        m.put("forks", (double) r.forks());
        m.put("starts", r.lifecycle() == Lifecycle.START ? 1.0 : 0.0);
        m.put("exits", r.lifecycle() == Lifecycle.EXIT ? 1.0 : 0.0);
        return m;
    }

    @Override
    public double intervalSeconds(Event event) {
        return event instanceof ResourceEvent r ? r.intervalNs() / 1e9 : Double.NaN;
    }

    @Override
    public Map<String, Double> features(Map<String, Double> raw, double seconds, int processes, Level level) {
        Map<String, Double> f = new HashMap<>(16);
        double cpuMs = raw.getOrDefault("cpu_ns", 0.0) / 1e6;
        f.put("cpu_share", cpuMs / 1000 / seconds);
        f.put("rss_mib", Math.log1p(raw.getOrDefault("rss_bytes", 0.0) / (1 << 20)));
        f.put("threads", Math.log1p(raw.getOrDefault("threads", 0.0)));
        if (level == Level.PROCESS) {
            f.put("cpu_ms", Math.log1p(cpuMs));
            f.put("minor_faults", Math.log1p(raw.getOrDefault("minflt", 0.0)));
            f.put("major_faults", Math.log1p(raw.getOrDefault("majflt", 0.0)));
            f.put("read_kib", Math.log1p(raw.getOrDefault("read_bytes", 0.0) / 1024));
            f.put("write_kib", Math.log1p(raw.getOrDefault("write_bytes", 0.0) / 1024));
            f.put("interval_s", Math.log1p(seconds));
            f.put("forks", Math.log1p(raw.getOrDefault("forks", 0.0)));
        } else {
            f.put("cpu_ms", Math.log1p(cpuMs / seconds));
            f.put("minor_faults", Math.log1p(raw.getOrDefault("minflt", 0.0) / seconds));
            f.put("major_faults", Math.log1p(raw.getOrDefault("majflt", 0.0) / seconds));
            f.put("read_kib", Math.log1p(raw.getOrDefault("read_bytes", 0.0) / 1024 / seconds));
            f.put("write_kib", Math.log1p(raw.getOrDefault("write_bytes", 0.0) / 1024 / seconds));
            f.put("processes", Math.log1p(processes));
            f.put("starts_per_s", Math.log1p(raw.getOrDefault("starts", 0.0) / seconds));
            f.put("exits_per_s", Math.log1p(raw.getOrDefault("exits", 0.0) / seconds));
            f.put("forks", Math.log1p(raw.getOrDefault("forks", 0.0) / seconds));
        }
        return f;
    }

    @Override
    public List<String> fixedFeatures() {
        return FEATURES;
    }

    @Override
    public int maxOpenFeatures() {
        return 0;
    }

    @Override
    public String otherFeature() {
        return null;
    }
}
