package io.infrasight.ml;

import io.infrasight.api.event.Context;
import io.infrasight.api.event.ContextKeys;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.Lifecycle;
import io.infrasight.api.event.ResourceEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small family over resource events for engine tests: "cpu" and "io" from cpuNs and readBytes,
 * plus open features named by minorFaults ("op.<n>" with share 1) so that schema folding can be
 * tested; majorFaults = 7777 stands for a NaN value (events cannot carry NaN).
 */
final class TestFamily implements FeatureFamily {
    @Override
    public String name() {
        return "test";
    }

    @Override
    public EventKind kind() {
        return EventKind.RESOURCE;
    }

    @Override
    public Map<String, Double> raw(Event event) {
        ResourceEvent r = (ResourceEvent) event;
        if (r.intervalNs() == 0) {
            return Map.of();
        }
        Map<String, Double> m = new HashMap<>();
        m.put("cpu", (double) r.cpuNs());
        m.put("io", (double) r.readBytes());
        m.put("op." + r.minorFaults(), 1.0);
        if (r.majorFaults() == 7777) {
            m.put("cpu", Double.NaN);
        }
        return m;
    }

    @Override
    public double intervalSeconds(Event event) {
        return ((ResourceEvent) event).intervalNs() / 1e9;
    }

    @Override
    public Map<String, Double> features(Map<String, Double> raw, double seconds, int processes, Level level) {
        Map<String, Double> f = new HashMap<>();
        double ops = 0;
        for (Map.Entry<String, Double> e : raw.entrySet()) {
            if (e.getKey().startsWith("op.")) {
                ops += e.getValue();
            }
        }
        for (Map.Entry<String, Double> e : raw.entrySet()) {
            if (e.getKey().startsWith("op.")) {
                f.put(e.getKey(), e.getValue() / ops);
            }
        }
        f.put("cpu", Math.log1p(raw.get("cpu") / 1e6 / seconds));
        f.put("io", Math.log1p(raw.get("io") / 1024 / seconds));
        return f;
    }

    @Override
    public List<String> fixedFeatures() {
        return List.of("cpu", "io", "op.other");
    }

    @Override
    public int maxOpenFeatures() {
        return 8;
    }

    @Override
    public String otherFeature() {
        return "op.other";
    }

    static ResourceEvent event(int pid, String comm, String image, double cpuMs, long readBytes, long op) {
        Context c = image == null ? Context.EMPTY
                : Context.EMPTY.with(ContextKeys.CONTAINER_ID, "c-" + image).with(ContextKeys.CONTAINER_IMAGE, image);
        EventHeader h = EventHeader.of(EventKind.RESOURCE, System.currentTimeMillis() * 1_000_000L, pid, pid, 1, 0, comm)
                .withContext(c);
        return new ResourceEvent(h, 1_000_000_000L, (long) (cpuMs * 1e6), op, 0, 1 << 20, readBytes, 0, 1,
                Lifecycle.RUNNING);
    }
}
