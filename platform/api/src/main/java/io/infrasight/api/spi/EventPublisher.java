package io.infrasight.api.spi;

import io.infrasight.api.event.Event;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A source's handle onto the bus. Never blocks: what cannot be queued for a subscriber is dropped
 * and counted for that subscriber. Thread-safe, but each source should publish from its own thread.
 */
@ProviderType
public interface EventPublisher {

    void publish(Event event);

    /** Publishes a batch; cheaper per event than {@link #publish(Event)}. */
    void publish(List<? extends Event> batch);
}
