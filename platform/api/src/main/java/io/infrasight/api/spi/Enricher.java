package io.infrasight.api.spi;

import io.infrasight.api.event.Event;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Adds context to events. Enrichers run in {@code service.ranking} order (highest first) on the
 * publishing thread, so they must be fast: cache, never do I/O per event. The bus times each call
 * and counts errors and slow calls; an enricher that throws leaves the event as it was.
 * <p>
 * Service property {@value #KINDS}, optional: the event kind ids the enricher wants (default: all).
 */
@ConsumerType
public interface Enricher {
    String KINDS = "infrasight.kinds";

    /** Stable id for status and metrics. */
    String id();

    /** Returns the enriched event (usually {@code event.withContext(...)}) or the event itself. */
    Event enrich(Event event);
}
