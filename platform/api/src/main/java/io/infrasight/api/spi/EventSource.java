package io.infrasight.api.spi;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Something that produces events: a probe, a Kafka consumer, the synthetic generator. Register it
 * as a service; the bus calls {@link #start} with a publisher when it binds the service and
 * {@link #stop} when it unbinds it. {@code start} must return quickly: do the work on a thread the
 * source owns.
 */
@ConsumerType
public interface EventSource {

    /** Stable id, unique among sources; shown in status and used as a metrics label. */
    String id();

    void start(EventPublisher publisher);

    void stop();

    /** The source's state; a source that cannot run says why here rather than by throwing. */
    default SourceState state() {
        return SourceState.running();
    }

    /** Source-specific counters, e.g. kernel-side drops; names in snake_case. */
    default Map<String, Long> counters() {
        return Map.of();
    }
}
