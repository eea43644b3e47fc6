package io.infrasight.api.status;

import java.util.List;

/**
 * A snapshot of the platform.
 *
 * @param timeMillis     when the snapshot was taken
 * @param uptimeMillis   since the bus started
 * @param published      events published by all sources since start
 * @param sources        per source
 * @param enrichers      per enricher, in chain order
 * @param subscribers    per subscriber, detector and alert sink
 * @param configProblems rejected configuration values
 */
public record BusStatus(long timeMillis, long uptimeMillis, long published, List<SourceStatus> sources,
        List<EnricherStatus> enrichers, List<SubscriberStatus> subscribers, List<ConfigProblem> configProblems) {
    public BusStatus {
        sources = List.copyOf(sources);
        enrichers = List.copyOf(enrichers);
        subscribers = List.copyOf(subscribers);
        configProblems = List.copyOf(configProblems);
    }
}
