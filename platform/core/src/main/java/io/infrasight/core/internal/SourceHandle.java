package io.infrasight.core.internal;

import io.infrasight.api.event.Event;
import io.infrasight.api.spi.EventPublisher;
import io.infrasight.api.spi.EventSource;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** The publisher a source gets: counts what it publishes and hands it to the bus. */
final class SourceHandle implements EventPublisher {
    final String id;
    final EventSource source; // null for publishers obtained through EventBus.publisher
    private final Bus bus;
    final LongAdder published = new LongAdder();
    final RateMeter rate = new RateMeter();
    volatile String startError;
    /** True once {@code source.start} was called, even if it failed (a held source has not been started). */
    volatile boolean started;

    SourceHandle(String id, EventSource source, Bus bus) {
        this.id = id;
        this.source = source;
        this.bus = bus;
    }

    @Override
    public void publish(Event event) {
        published.increment();
        bus.dispatch(event);
    }

    @Override
    public void publish(List<? extends Event> batch) {
        if (batch.isEmpty()) {
            return;
        }
        published.add(batch.size());
        bus.dispatch(batch);
    }
}
