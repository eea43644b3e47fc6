package io.infrasight.sentinel;

import java.util.List;

/**
 * One rule in force and what it has done since it was first loaded (counters survive reloads).
 *
 * @param id             rule id
 * @param severity       severity name
 * @param kinds          event kinds it is evaluated on
 * @param source         file or bundle entry it came from, with line
 * @param enabled        false when a later source disabled it
 * @param evaluations    conditions evaluated
 * @param matches        conditions that were true
 * @param alerts         alerts raised
 * @param suppressed     matches not raised as alerts (deduplicated or rate-limited)
 * @param avgEvalNanos   mean evaluation time, from a sample of evaluations
 * @param tags           the rule's tags
 */
public record RuleInfo(String id, String severity, List<String> kinds, String source, boolean enabled,
        long evaluations, long matches, long alerts, long suppressed, double avgEvalNanos, List<String> tags) {
}
