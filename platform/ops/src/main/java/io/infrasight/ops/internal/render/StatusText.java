package io.infrasight.ops.internal.render;

import io.infrasight.api.status.BusStatus;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.EnricherStatus;
import io.infrasight.api.status.SourceStatus;
import io.infrasight.api.status.SubscriberStatus;

/** The shell's view of status: aligned tables. */
public final class StatusText {
    private StatusText() {
    }

    public static String status(BusStatus s) {
        StringBuilder sb = new StringBuilder();
        sb.append("Uptime ").append(Format.duration(s.uptimeMillis())).append(", events published ")
                .append(s.published()).append("\n\n");
        sb.append("Sources\n");
        section(sb, sources(s, false));
        sb.append("\nEnrichers (chain order)\n");
        TextTable enrichers = new TextTable("ID", "RANKING", "CALLS", "ERRORS", "SLOW", "AVG µs");
        for (EnricherStatus e : s.enrichers()) {
            enrichers.row(e.id(), e.ranking(), e.calls(), e.errors(), e.slow(), Format.micros(e.avgNanos()));
        }
        section(sb, enrichers);
        sb.append("\nSubscribers\n");
        TextTable subs = new TextTable("ID", "TYPE", "DELIVERED", "RATE/s", "DEPTH/CAPACITY", "DROPPED",
                "DROPS BY REASON", "FAILURES");
        for (SubscriberStatus x : s.subscribers()) {
            subs.row(x.id(), x.type(), x.delivered(), Format.rate(x.ratePerSecond()), x.depth() + "/" + x.capacity(),
                    x.droppedTotal(), Format.counts(x.dropped()), x.failures());
        }
        section(sb, subs);
        sb.append("\nConfiguration problems\n");
        TextTable problems = new TextTable("PID", "PROPERTY", "VALUE", "REASON");
        for (ConfigProblem p : s.configProblems()) {
            problems.row(p.pid(), p.property(), p.value(), p.reason());
        }
        section(sb, problems);
        return sb.toString();
    }

    public static String probes(BusStatus s) {
        StringBuilder sb = new StringBuilder();
        section(sb, sources(s, true));
        return sb.toString();
    }

    private static TextTable sources(BusStatus s, boolean detailed) {
        TextTable t = detailed ? new TextTable("ID", "STATE", "PUBLISHED", "RATE/s", "COUNTERS", "REASON")
                : new TextTable("ID", "STATE", "PUBLISHED", "RATE/s", "REASON");
        for (SourceStatus x : s.sources()) {
            String reason = x.reason() == null ? "" : x.reason();
            if (detailed) {
                t.row(x.id(), x.state(), x.published(), Format.rate(x.ratePerSecond()), Format.counts(x.counters()),
                        reason);
            } else {
                t.row(x.id(), x.state(), x.published(), Format.rate(x.ratePerSecond()), reason);
            }
        }
        return t;
    }

    private static void section(StringBuilder sb, TextTable t) {
        if (t.isEmpty()) {
            sb.append("  (none)\n");
        } else {
            t.appendTo(sb);
        }
    }
}
