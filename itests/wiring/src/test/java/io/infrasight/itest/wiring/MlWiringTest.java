package io.infrasight.itest.wiring;

import static io.infrasight.itest.wiring.WiringTest.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.Lifecycle;
import io.infrasight.api.event.ResourceEvent;
import io.infrasight.api.spi.AlertSink;
import io.infrasight.api.spi.EventPublisher;
import io.infrasight.api.spi.EventSource;
import io.infrasight.api.status.StatusSection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The ML bundles in a real Felix: Weka runs inside the bundle's class loader, resource events on the
 * bus train a model, an outlier reaches an alert sink through the bus, the models section shows it,
 * and updating the family bundle (hot swap) brings the stored model back without learning again.
 */
class MlWiringTest {
    private RealFramework fw;
    private Path models;
    private final List<Alert> alerts = new CopyOnWriteArrayList<>();
    private volatile EventPublisher publisher;

    @BeforeEach
    void start() throws Exception {
        fw = new RealFramework();
        models = Files.createTempDirectory("models");
        fw.service(ConfigurationAdmin.class).getConfiguration("io.infrasight.ml.resource", "?")
                .update(new Hashtable<>(Map.of("learning.seconds", "0", "learning.samples", "60",
                        "models.directory", models.toString())));
        fw.context().registerService(AlertSink.class, new AlertSink() {
            @Override
            public String id() {
                return "ml-alerts";
            }

            @Override
            public void onAlerts(List<Alert> batch) {
                alerts.addAll(batch);
            }
        }, null);
        fw.context().registerService(EventSource.class, new EventSource() {
            @Override
            public String id() {
                return "resource-feed";
            }

            @Override
            public void start(EventPublisher p) {
                publisher = p;
            }

            @Override
            public void stop() {
            }
        }, null);
        waitFor("the source", () -> publisher != null);
    }

    @AfterEach
    void stop() throws Exception {
        fw.close();
    }

    static ResourceEvent resource(int pid, String comm, double cpuMs) {
        return new ResourceEvent(EventHeader.of(EventKind.RESOURCE, System.currentTimeMillis() * 1_000_000L, pid, pid,
                1, 0, comm), 1_000_000_000L, (long) (cpuMs * 1e6), 100, 0, 8 << 20, 4096, 0, 1, Lifecycle.RUNNING);
    }

    /** The models section's row of a model key, or null. */
    List<Object> row(String key) throws Exception {
        ServiceReference<?>[] refs = fw.context().getAllServiceReferences(StatusSection.class.getName(), null);
        for (ServiceReference<?> r : refs == null ? new ServiceReference<?>[0] : refs) {
            StatusSection s = (StatusSection) fw.context().getService(r);
            if (s.id().equals("models")) {
                for (List<Object> row : s.rows()) {
                    if (row.get(1).equals(key)) {
                        return row;
                    }
                }
            }
        }
        return null;
    }

    void feedNormal(Random rnd, int n) {
        List<Event> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(resource(200 + i % 7, "worker", 15 + rnd.nextGaussian() * 2));
        }
        publisher.publish(batch);
    }

    @Test
    void resourceEventsTrainAModelThatAlertsOnAnOutlierAndSurvivesABundleUpdate() throws Exception {
        fw.install(System.getProperty("bundle.ml.core"));
        Bundle family = fw.install(System.getProperty("bundle.ml.resource"));
        Random rnd = new Random(1);
        try {
            waitFor("the models section", () -> {
            feedNormal(rnd, 20);
            Thread.sleep(100);
            List<Object> r = row("process:global");
            return r != null && r.get(4).equals("SCORING");
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; models section: " + row("process:global"), e);
        }
        publisher.publish(List.of(resource(4711, "miner", 990)));
        waitFor("the anomaly alert", () -> alerts.stream().anyMatch(a -> a.ruleId().equals("ml.resource.process")
                && a.event() != null && a.event().header().pid() == 4711));
        Alert a = alerts.stream().filter(x -> x.event() != null && x.event().header().pid() == 4711).findFirst()
                .orElseThrow();
        assertEquals("ml-resource", a.detector());
        assertTrue(a.message().contains("cpu_"), a.message());
        Object threshold = row("process:global").get(7);

        family.update(); // hot swap: the component goes, persists, and comes back
        waitFor("the restored model", () -> {
            List<Object> r = row("process:global");
            if (r == null) {
                publisher.publish(List.of(resource(300, "worker", 15)));
                Thread.sleep(100);
                return false;
            }
            return r.get(4).equals("SCORING") && String.valueOf(r.get(12)).startsWith("restored");
        });
        assertEquals(threshold, row("process:global").get(7), "the same model, not a new one");
    }
}
