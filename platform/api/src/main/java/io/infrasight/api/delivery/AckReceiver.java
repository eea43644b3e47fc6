package io.infrasight.api.delivery;

import io.infrasight.api.event.Event;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Registered as a service by a source that holds events until they are safely stored (the Kafka
 * source commits a record's offset only then). A subscriber that must not lose data references
 * every {@code AckReceiver} (dynamic, multiple) and, after it has durably written a batch, calls
 * {@link #acknowledge} with its own subscriber id and that batch. Each receiver picks out the
 * events whose {@link Acks#TOKEN} names it and ignores the rest, so a subscriber need not know
 * where its events came from. Which subscriber ids a source waits for is the source's
 * configuration. An event that is never acknowledged is delivered again (at-least-once), so
 * receivers must tolerate late, repeated and unknown tokens. Must be cheap and never block.
 */
@ConsumerType
public interface AckReceiver {

    /** The source id that appears before the {@code :} in its tokens. */
    String sourceId();

    void acknowledge(String subscriberId, List<? extends Event> batch);
}
