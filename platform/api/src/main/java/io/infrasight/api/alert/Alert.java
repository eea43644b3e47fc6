package io.infrasight.api.alert;

import io.infrasight.api.event.Event;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Something a detector thinks an operator should look at.
 *
 * @param id         unique id of this alert
 * @param timeNanos  wall-clock time the alert was raised, ns since the epoch
 * @param ruleId     the rule or model that raised it
 * @param severity   how bad
 * @param message    human-readable text (a rule's rendered output template)
 * @param tags       e.g. maturity, domain, MITRE ATT&amp;CK ids
 * @param detector   which detector raised it (e.g. "sentinel", "ml-resource")
 * @param details    detector-specific facts (scores, thresholds, suppressed counts)
 * @param event      the triggering event, or null for alerts over aggregates
 */
public record Alert(
        String id,
        long timeNanos,
        String ruleId,
        Severity severity,
        String message,
        List<String> tags,
        String detector,
        Map<String, Object> details,
        Event event) {

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        message = message == null ? "" : message;
        tags = tags == null ? List.of() : List.copyOf(tags);
        detector = detector == null ? "" : detector;
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
