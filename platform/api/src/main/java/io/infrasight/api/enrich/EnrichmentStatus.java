package io.infrasight.api.enrich;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The state of one enricher as data: cache sizes, hits and misses, and failed lookups by reason.
 * Enrichers register this service with the same object (or id) as their Enricher service.
 * <p>
 * Counter names are snake_case. Conventions every enricher follows:
 * {@code <cache>_size}, {@code <cache>_capacity}, {@code hits}, {@code misses},
 * {@code evictions}, and {@code failed_<reason>} for each reason a lookup failed
 * (for example {@code failed_proc_gone}, {@code failed_socket_timeout}). The hit rate is
 * {@code hits / (hits + misses)}. Counters are cumulative since activation, except sizes.
 */
@ConsumerType
public interface EnrichmentStatus {

    /** The id of the enricher this state belongs to ({@code Enricher.id()}). */
    String id();

    /** A snapshot of the counters, in a stable order; cheap enough to call every second. */
    Map<String, Long> counters();
}
