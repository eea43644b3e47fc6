package io.infrasight.sentinel.internal;

import io.infrasight.api.status.StatusSection;
import io.infrasight.sentinel.PackInfo;
import io.infrasight.sentinel.RuleInfo;
import io.infrasight.sentinel.RuleProblem;
import io.infrasight.sentinel.SentinelStatus;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Sentinel in the operator views: rule packs with their rule counts and state, rejected rules with
 * file, line and reason, and per-rule hit counts.
 */
public final class RulesSections {
    private RulesSections() {
    }

    /** The "rules" section: one row per pack, then one per rejected item. */
    @Component(service = StatusSection.class)
    public static final class Packs implements StatusSection {
        private final SentinelStatus status;

        @Activate
        public Packs(@Reference SentinelStatus status) {
            this.status = status;
        }

        @Override
        public String id() {
            return "rules";
        }

        @Override
        public String title() {
            return "Rule packs (engine version " + status.engineVersion() + ")";
        }

        @Override
        public List<String> columns() {
            return List.of("Pack", "Origin", "Version", "Rules", "State / problem");
        }

        @Override
        public List<List<Object>> rows() {
            List<List<Object>> rows = new ArrayList<>();
            for (PackInfo p : status.packs()) {
                rows.add(List.of(p.name(), p.origin(), p.version(), p.rules(), p.state()));
            }
            for (RuleProblem p : status.problems()) {
                rows.add(List.of(p.source(), "line " + p.line(), "", p.item(), "rejected: " + p.reason()));
            }
            return rows;
        }
    }

    /** The "rule-hits" section: per-rule evaluations, matches, alerts and suppressed counts. */
    @Component(service = StatusSection.class)
    public static final class Hits implements StatusSection {
        private final SentinelStatus status;

        @Activate
        public Hits(@Reference SentinelStatus status) {
            this.status = status;
        }

        @Override
        public String id() {
            return "rule-hits";
        }

        @Override
        public String title() {
            return "Rules";
        }

        @Override
        public List<String> columns() {
            return List.of("Rule", "Severity", "Kinds", "Enabled", "Evaluations", "Matches", "Alerts", "Suppressed",
                    "Avg ns");
        }

        @Override
        public List<List<Object>> rows() {
            List<List<Object>> rows = new ArrayList<>();
            for (RuleInfo r : status.rules()) {
                rows.add(List.of(r.id(), r.severity(), String.join(",", r.kinds()), r.enabled(), r.evaluations(),
                        r.matches(), r.alerts(), r.suppressed(), Math.round(r.avgEvalNanos())));
            }
            return rows;
        }
    }
}
