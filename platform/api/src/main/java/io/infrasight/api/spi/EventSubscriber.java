package io.infrasight.api.spi;

import io.infrasight.api.event.Event;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives events from the bus: sinks, live views, stores. Each subscriber has its own bounded
 * queue and worker thread; {@link #onEvents} is called from that thread only, in publish order per
 * source. A subscriber that is too slow loses events (counted as {@code queue_full}), never slows
 * the sources.
 * <p>
 * Service properties, all optional: {@value #KINDS} (kind ids, default all),
 * {@value #QUEUE_CAPACITY} (events, default 65536).
 */
@ConsumerType
public interface EventSubscriber {
    String KINDS = "infrasight.kinds";
    String QUEUE_CAPACITY = "infrasight.queue.capacity";

    String id();

    /** The list is only valid during the call; copy what you keep. */
    void onEvents(List<Event> batch);
}
