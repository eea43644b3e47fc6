package io.infrasight.api.spi;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The bus, for code that publishes without being an {@link EventSource} service (tests, bridges).
 * Sources registered as services get their publisher through {@link EventSource#start}.
 */
@ProviderType
public interface EventBus {

    /** A publisher counted under {@code sourceId} in status. */
    EventPublisher publisher(String sourceId);

    AlertPublisher alerts();
}
