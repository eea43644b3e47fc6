package io.infrasight.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight bus", description = "The event bus: queues between sources and subscribers.")
public @interface BusConfig {
    String PID = "io.infrasight.bus";

    @AttributeDefinition(name = "Queue capacity", min = "16",
            description = "Default capacity, in events, of each subscriber's queue. A subscriber may set its own with the "
                    + "service property infrasight.queue.capacity. Events that do not fit are dropped and counted.")
    int queue_capacity() default 65536;

    @AttributeDefinition(name = "Enricher budget (µs)", min = "1",
            description = "Time an enricher may take per event before the call is counted as slow.")
    int enricher_budget_micros() default 100;
}
