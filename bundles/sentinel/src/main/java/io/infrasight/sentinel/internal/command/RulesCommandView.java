package io.infrasight.sentinel.internal.command;

import io.infrasight.sentinel.PackInfo;
import io.infrasight.sentinel.RuleInfo;
import io.infrasight.sentinel.RuleProblem;
import io.infrasight.sentinel.SentinelStatus;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The text of infrasight:rules, apart from the Karaf action so that it can be tested without a shell. */
public final class RulesCommandView {
    private RulesCommandView() {
    }

    public static String render(SentinelStatus s, String filter, String sort) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Sentinel engine %d: %s%n", s.engineVersion(), s.counters()));
        sb.append(String.format(Locale.ROOT, "%-44s %-9s %-16s %12s %9s %8s %10s %9s%n", "RULE", "SEVERITY",
                "KINDS", "EVALS", "MATCHES", "ALERTS", "SUPPRESSED", "AVG_NS"));
        List<RuleInfo> rules = new java.util.ArrayList<>(s.rules());
        rules.sort(order(sort));
        for (RuleInfo r : rules) {
            if (filter != null && !r.id().contains(filter)) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%-44s %-9s %-16s %12d %9d %8d %10d %9.0f%n", r.id(), r.severity(),
                    String.join(",", r.kinds()), r.evaluations(), r.matches(), r.alerts(), r.suppressed(),
                    r.avgEvalNanos()));
        }
        sb.append(String.format(Locale.ROOT, "%nPACKS%n"));
        for (PackInfo p : s.packs()) {
            sb.append(String.format(Locale.ROOT, "  %-8s %-9s %3d rules  %s %s%n", p.origin(), p.state(), p.rules(),
                    p.name(), p.version().isEmpty() ? "" : "(" + p.version() + ")"));
        }
        if (!s.problems().isEmpty()) {
            sb.append(String.format(Locale.ROOT, "%nREJECTED%n"));
            for (RuleProblem p : s.problems()) {
                sb.append("  ").append(p.message()).append(System.lineSeparator());
            }
        }
        return sb.toString();
    }

    private static Comparator<RuleInfo> order(String sort) {
        switch (sort == null ? "id" : sort) {
            case "evals":
                return Comparator.comparingLong(RuleInfo::evaluations).reversed();
            case "matches":
                return Comparator.comparingLong(RuleInfo::matches).reversed();
            case "alerts":
                return Comparator.comparingLong(RuleInfo::alerts).reversed();
            case "time":
                return Comparator.comparingDouble(RuleInfo::avgEvalNanos).reversed();
            default:
                return Comparator.comparing(RuleInfo::id);
        }
    }
}
