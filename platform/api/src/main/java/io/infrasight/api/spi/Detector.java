package io.infrasight.api.spi;

import io.infrasight.api.event.Event;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Looks at events and raises alerts (rules engines, anomaly models). The bus gives each detector
 * its own queue and worker, like a subscriber, and routes what it raises to every alert sink.
 * Service property {@value #KINDS}: the kinds the detector needs (default all).
 */
@ConsumerType
public interface Detector {
    String KINDS = "infrasight.kinds";

    String id();

    void inspect(List<Event> batch, AlertPublisher alerts);
}
