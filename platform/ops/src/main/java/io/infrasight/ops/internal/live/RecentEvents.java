package io.infrasight.ops.internal.live;

import io.infrasight.api.event.Event;
import io.infrasight.api.spi.EventSubscriber;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.api.status.ConfigValues;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** Keeps the most recent events for {@code infrasight:events} and the live views. */
@Component(service = {EventSubscriber.class, RecentEvents.class}, configurationPid = LiveConfig.PID)
@Designate(ocd = LiveConfig.class)
public final class RecentEvents implements EventSubscriber {
    private final KindRings ring;

    @Activate
    public RecentEvents(LiveConfig config, @Reference ConfigProblems problems) {
        List<ConfigProblem> found = new ArrayList<>();
        int capacity = ConfigValues.read(LiveConfig.PID, "events.capacity", config::events_capacity, v -> v >= 1,
                "must be an integer >= 1", 4096, found);
        problems.report(LiveConfig.PID + "#events", found);
        ring = new KindRings(capacity);
    }

    @Override
    public String id() {
        return "live-events";
    }

    @Override
    public void onEvents(List<Event> batch) {
        ring.addAll(batch);
    }

    public KindRings ring() {
        return ring;
    }
}
