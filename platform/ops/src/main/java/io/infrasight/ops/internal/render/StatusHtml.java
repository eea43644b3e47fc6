package io.infrasight.ops.internal.render;

import io.infrasight.api.status.BusStatus;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.EnricherStatus;
import io.infrasight.api.status.SourceStatus;
import io.infrasight.api.status.SubscriberStatus;
import io.infrasight.ops.internal.framework.BundleInfo;
import io.infrasight.ops.internal.framework.FeatureInfo;
import io.infrasight.ops.internal.framework.FrameworkStatus;
import java.util.Map;

/** The web console's view of status: HTML tables, all text escaped. */
public final class StatusHtml {
    private StatusHtml() {
    }

    /** The tables only; the page wraps them and the refresh script replaces them. */
    public static String tables(BusStatus s, FrameworkStatus f) {
        StringBuilder sb = new StringBuilder(8192);
        Html h = new Html(sb);
        h.paragraph("Uptime " + Format.duration(s.uptimeMillis()) + ", events published " + s.published()
                + ", bundles " + f.bundleTotal() + " (" + f.bundleStates().getOrDefault("ACTIVE", 0) + " active)");

        h.heading("Sources").table("ID", "State", "Published", "Rate/s", "Counters", "Reason");
        for (SourceStatus x : s.sources()) {
            h.row(x.id(), x.state(), x.published(), Format.rate(x.ratePerSecond()), Format.counts(x.counters()),
                    x.reason());
        }
        empty(h, s.sources().isEmpty(), 6, "No sources.").endTable();

        h.heading("Enrichers").table("ID", "Ranking", "Calls", "Errors", "Slow", "Avg µs");
        for (EnricherStatus x : s.enrichers()) {
            h.row(x.id(), x.ranking(), x.calls(), x.errors(), x.slow(), Format.micros(x.avgNanos()));
        }
        empty(h, s.enrichers().isEmpty(), 6, "No enrichers.").endTable();

        h.heading("Subscribers").table("ID", "Type", "Delivered", "Rate/s", "Depth / capacity", "Dropped",
                "Drops by reason", "Failures");
        for (SubscriberStatus x : s.subscribers()) {
            h.row(x.id(), x.type(), x.delivered(), Format.rate(x.ratePerSecond()), x.depth() + " / " + x.capacity(),
                    x.droppedTotal(), Format.counts(x.dropped()), x.failures());
        }
        empty(h, s.subscribers().isEmpty(), 8, "No subscribers.").endTable();

        h.heading("Configuration problems").table("PID", "Property", "Value", "Reason");
        for (ConfigProblem p : s.configProblems()) {
            h.row(p.pid(), p.property(), p.value(), p.reason());
        }
        empty(h, s.configProblems().isEmpty(), 4, "None.").endTable();

        framework(h, f);
        return sb.toString();
    }

    private static void framework(Html h, FrameworkStatus f) {
        h.heading("Bundles by state").table("State", "Count");
        for (Map.Entry<String, Integer> e : f.bundleStates().entrySet()) {
            h.row(e.getKey(), e.getValue());
        }
        h.endTable();
        h.heading("Bundles not active").table("ID", "Name", "Version", "State", "Note");
        for (BundleInfo b : f.notActive()) {
            h.row(b.id(), b.name(), b.version(), b.state(), b.fragment() ? "fragment (RESOLVED is normal)" : "");
        }
        empty(h, f.notActive().isEmpty(), 5, "All bundles are active.").endTable();
        h.heading("Features").table("Name", "Version", "Boot", "Required");
        for (FeatureInfo x : f.features()) {
            h.row(x.name(), x.version(), x.boot() ? "yes" : "", x.required() ? "yes" : "");
        }
        empty(h, f.features().isEmpty(), 4,
                f.featuresAvailable() ? "No InfraSight or boot features installed." : "Features service not available.")
                .endTable();
    }

    private static Html empty(Html h, boolean isEmpty, int columns, String text) {
        return isEmpty ? h.emptyRow(columns, text) : h;
    }
}
