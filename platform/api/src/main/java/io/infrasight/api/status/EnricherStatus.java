package io.infrasight.api.status;

/**
 * @param id       enricher id
 * @param ranking  service ranking (higher runs first)
 * @param calls    events passed through it
 * @param errors   calls that threw (the event went on unenriched)
 * @param slow     calls over the configured time budget
 * @param avgNanos mean time per call
 */
public record EnricherStatus(String id, int ranking, long calls, long errors, long slow, double avgNanos) {
}
