package io.infrasight.api.delivery;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Counters of a component that is not an {@code EventSource} (sinks with their own spool, for
 * example), registered as a service so that status and metrics can show them next to the bus's.
 * Names in snake_case; values are totals since activation or current levels (queue depths,
 * spool bytes, lag).
 */
@ConsumerType
public interface CounterSource {
    String id();

    Map<String, Long> counters();
}
