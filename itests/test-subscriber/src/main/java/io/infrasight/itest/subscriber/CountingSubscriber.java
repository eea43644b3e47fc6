package io.infrasight.itest.subscriber;

import io.infrasight.api.event.Event;
import io.infrasight.api.spi.EventSubscriber;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Counts what it receives; the bus's status shows the count as "delivered". One instance without
 * configuration, or one per factory configuration {@code io.infrasight.test.counter-<name>.cfg}. A
 * delay per batch makes it a slow subscriber. Service properties such as
 * {@code infrasight.queue.capacity} can be set in the same configuration.
 */
@Component(service = EventSubscriber.class, configurationPid = "io.infrasight.test.counter",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CountingSubscriber.Config.class, factory = true)
public final class CountingSubscriber implements EventSubscriber {

    @ObjectClassDefinition(name = "InfraSight test counter")
    public @interface Config {
        @AttributeDefinition(description = "Subscriber id")
        String id() default "test-counter";

        @AttributeDefinition(description = "Delay per batch in microseconds (0 = fast)")
        long delay_micros() default 0;
    }

    private final String id;
    private final long delayNanos;

    @Activate
    public CountingSubscriber(Config config) {
        this.id = config.id();
        this.delayNanos = config.delay_micros() * 1000L;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void onEvents(List<Event> batch) {
        if (delayNanos > 0) {
            LockSupport.parkNanos(delayNanos);
        }
    }
}
