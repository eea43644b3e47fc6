package io.infrasight.ops.internal.render;

import io.infrasight.api.json.IsoTime;
import io.infrasight.api.json.JsonWriter;
import io.infrasight.api.status.BusStatus;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.EnricherStatus;
import io.infrasight.api.status.SourceStatus;
import io.infrasight.api.status.SubscriberStatus;
import io.infrasight.ops.internal.framework.BundleInfo;
import io.infrasight.ops.internal.framework.FeatureInfo;
import io.infrasight.ops.internal.framework.FrameworkStatus;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of the status API: every {@link BusStatus} field in snake_case, drops per reason,
 * plus the framework's bundle states and the installed features. Maps are written in key order so
 * the output is stable.
 */
public final class StatusJson {
    private StatusJson() {
    }

    public static String render(BusStatus s, FrameworkStatus f) {
        JsonWriter w = new JsonWriter(new StringBuilder(4096));
        w.beginObject();
        w.field("time", new IsoTime().format(s.timeMillis() * 1_000_000L));
        w.field("time_millis", s.timeMillis());
        w.field("uptime_millis", s.uptimeMillis());
        w.field("published", s.published());
        w.name("sources").beginArray();
        for (SourceStatus x : s.sources()) {
            w.beginObject().field("id", x.id()).field("state", x.state()).field("reason", x.reason())
                    .field("published", x.published()).field("rate_per_second", x.ratePerSecond())
                    .field("counters", sorted(x.counters())).endObject();
        }
        w.endArray();
        w.name("enrichers").beginArray();
        for (EnricherStatus x : s.enrichers()) {
            w.beginObject().field("id", x.id()).field("ranking", x.ranking()).field("calls", x.calls())
                    .field("errors", x.errors()).field("slow", x.slow()).field("avg_nanos", x.avgNanos())
                    .endObject();
        }
        w.endArray();
        w.name("subscribers").beginArray();
        for (SubscriberStatus x : s.subscribers()) {
            w.beginObject().field("id", x.id()).field("type", x.type()).field("kinds", x.kinds())
                    .field("capacity", x.capacity()).field("depth", x.depth()).field("delivered", x.delivered())
                    .field("rate_per_second", x.ratePerSecond()).field("dropped", sorted(x.dropped()))
                    .field("dropped_total", x.droppedTotal()).field("failures", x.failures()).endObject();
        }
        w.endArray();
        w.name("config_problems").beginArray();
        for (ConfigProblem p : s.configProblems()) {
            w.beginObject().field("pid", p.pid()).field("property", p.property()).field("value", p.value())
                    .field("reason", p.reason()).field("message", p.message()).endObject();
        }
        w.endArray();
        framework(w, f);
        w.field("features_available", f.featuresAvailable());
        w.name("features").beginArray();
        for (FeatureInfo x : f.features()) {
            w.beginObject().field("name", x.name()).field("version", x.version()).field("boot", x.boot())
                    .field("required", x.required()).endObject();
        }
        w.endArray();
        w.endObject();
        return w.buffer().toString();
    }

    private static void framework(JsonWriter w, FrameworkStatus f) {
        w.name("framework").beginObject();
        w.field("bundles_total", f.bundleTotal());
        w.field("bundles", f.bundleStates());
        w.name("not_active").beginArray();
        for (BundleInfo b : f.notActive()) {
            w.beginObject().field("id", b.id()).field("name", b.name()).field("version", b.version())
                    .field("state", b.state()).field("fragment", b.fragment()).endObject();
        }
        w.endArray();
        w.endObject();
    }

    private static <V> Map<String, V> sorted(Map<String, V> m) {
        return new TreeMap<>(m);
    }
}
