package io.infrasight.api.spi;

import io.infrasight.api.alert.Alert;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/** Receives alerts (files, log, Kafka, stores) on its own queue and thread, like an {@link EventSubscriber}. */
@ConsumerType
public interface AlertSink {
    String QUEUE_CAPACITY = "infrasight.queue.capacity";

    String id();

    void onAlerts(List<Alert> batch);
}
