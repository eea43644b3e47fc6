package io.infrasight.bpf.testkit;

import io.infrasight.api.event.Event;
import io.infrasight.api.spi.EventPublisher;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/** The bus, as far as a probe can tell: keeps what is published. */
public final class Collector implements EventPublisher {
    public final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();

    @Override
    public void publish(Event event) {
        events.add(event);
    }

    @Override
    public void publish(List<? extends Event> batch) {
        events.addAll(batch);
    }

    /** The first published event of {@code type} that matches, waiting up to {@code millis}. */
    public <T extends Event> Optional<T> await(Class<T> type, Predicate<T> match, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        do {
            for (Event e : events) {
                if (type.isInstance(e) && match.test(type.cast(e))) {
                    return Optional.of(type.cast(e));
                }
            }
            Thread.sleep(20);
        } while (System.currentTimeMillis() < deadline);
        return Optional.empty();
    }
}
