package io.infrasight.ops.internal.command;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.json.AlertJson;
import io.infrasight.api.json.IsoTime;
import io.infrasight.ops.internal.live.RecentAlerts;
import io.infrasight.ops.internal.live.Ring;
import java.util.function.Predicate;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "infrasight", name = "alerts",
        description = "Shows recent alerts, optionally filtered by rule, and follows new ones with -f.")
@Service
public class AlertsCommand implements Action {

    @Reference
    private RecentAlerts recent;

    @Option(name = "-r", aliases = "--rule", description = "Only alerts whose rule id contains this")
    private String rule;

    @Option(name = "-n", aliases = "--count", description = "How many recent alerts to show first")
    private int count = 20;

    @Option(name = "-f", aliases = "--follow", description = "Keep printing new alerts")
    private boolean follow;

    @Option(name = "-j", aliases = "--json", description = "Print alerts as JSON lines")
    private boolean json;

    @Override
    public Object execute() {
        Predicate<Alert> filter = a -> rule == null || a.ruleId().contains(rule);
        Ring<Alert> ring = recent.ring();
        AlertJson jsonWriter = new AlertJson();
        IsoTime iso = new IsoTime();
        long seen = ring.next();
        ring.since(0, filter, count).forEach(a -> print(a, jsonWriter, iso));
        while (follow && !Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException stop) {
                break;
            }
            long now = ring.next();
            ring.since(seen, filter, Integer.MAX_VALUE).forEach(a -> print(a, jsonWriter, iso));
            seen = now;
        }
        return null;
    }

    private void print(Alert a, AlertJson jsonWriter, IsoTime iso) {
        System.out.println(json ? jsonWriter.toJson(a)
                : iso.format(a.timeNanos()) + " " + a.severity() + " " + a.ruleId() + ": " + a.message());
    }
}
