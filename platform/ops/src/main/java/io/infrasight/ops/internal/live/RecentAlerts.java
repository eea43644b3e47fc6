package io.infrasight.ops.internal.live;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.spi.AlertSink;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.api.status.ConfigValues;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Keeps the most recent alerts for {@code infrasight:alerts} and the live views. */
@Component(service = {AlertSink.class, RecentAlerts.class}, configurationPid = LiveConfig.PID)
public final class RecentAlerts implements AlertSink {
    private final Ring<Alert> ring;

    @Activate
    public RecentAlerts(LiveConfig config, @Reference ConfigProblems problems) {
        List<ConfigProblem> found = new ArrayList<>();
        int capacity = ConfigValues.read(LiveConfig.PID, "alerts.capacity", config::alerts_capacity, v -> v >= 1,
                "must be an integer >= 1", 1024, found);
        problems.report(LiveConfig.PID + "#alerts", found);
        ring = new Ring<>(capacity);
    }

    @Override
    public String id() {
        return "live-alerts";
    }

    @Override
    public void onAlerts(List<Alert> batch) {
        ring.addAll(batch);
    }

    public Ring<Alert> ring() {
        return ring;
    }
}
