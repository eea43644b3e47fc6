package io.infrasight.ops.internal.live;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.alert.Severity;
import java.util.function.Function;
import java.util.function.Predicate;

/** Alert filters: rule (id substring) and severity (at least this severe). */
public final class AlertQuery {
    private AlertQuery() {
    }

    /** @throws IllegalArgumentException for an unknown severity */
    public static Predicate<Alert> parse(Function<String, String[]> params) {
        String rule = EventQuery.first(params, "rule");
        String sev = EventQuery.first(params, "severity");
        Severity min = sev == null ? null : Severity.parse(sev);
        return a -> (rule == null || a.ruleId().contains(rule))
                && (min == null || a.severity().ordinal() <= min.ordinal());
    }
}
