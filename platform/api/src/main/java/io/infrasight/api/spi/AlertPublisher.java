package io.infrasight.api.spi;

import io.infrasight.api.alert.Alert;
import org.osgi.annotation.versioning.ProviderType;

/** Hands alerts to every {@link AlertSink}; never blocks. */
@ProviderType
public interface AlertPublisher {
    void publish(Alert alert);
}
