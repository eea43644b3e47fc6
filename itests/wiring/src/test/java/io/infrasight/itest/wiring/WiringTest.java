package io.infrasight.itest.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.alert.Severity;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.ExecEvent;
import io.infrasight.api.spi.AlertPublisher;
import io.infrasight.api.spi.Enricher;
import io.infrasight.api.spi.EventPublisher;
import io.infrasight.api.spi.EventSource;
import io.infrasight.api.spi.EventSubscriber;
import io.infrasight.api.status.BusStatus;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.api.status.StatusService;
import io.infrasight.api.status.SubscriberStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** The core bundle in a real framework: DS whiteboard binding, ordering, configuration checks, a real sink. */
class WiringTest {
    private RealFramework fw;

    @BeforeEach
    void start() throws Exception {
        fw = new RealFramework();
    }

    @AfterEach
    void stop() throws Exception {
        fw.close();
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(String what, Check c) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!c.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    static Event exec(int i) {
        return new ExecEvent(EventHeader.of(EventKind.EXEC, i, 100 + i, 100 + i, 1, 0, "sh"), "/bin/sh",
                List.of("sh", Integer.toString(i)), false, "/", false, false);
    }

    static SubscriberStatus subscriber(BusStatus s, String id) {
        return s.subscribers().stream().filter(x -> x.id().equals(id)).findFirst().orElse(null);
    }

    static final class Collecting implements EventSubscriber {
        final List<Event> events = new CopyOnWriteArrayList<>();

        @Override
        public String id() {
            return "collecting";
        }

        @Override
        public void onEvents(List<Event> batch) {
            events.addAll(batch);
        }
    }

    static final class Source implements EventSource {
        final int count;

        Source(int count) {
            this.count = count;
        }

        @Override
        public String id() {
            return "wiring-source";
        }

        @Override
        public void start(EventPublisher publisher) {
            List<Event> batch = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                batch.add(exec(i));
            }
            publisher.publish(batch);
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void sourcesAndSubscribersRegisteredAsServicesAreBoundAndReleased() throws Exception {
        StatusService status = fw.service(StatusService.class);
        Collecting sub = new Collecting();
        ServiceRegistration<EventSubscriber> subReg = fw.context().registerService(EventSubscriber.class, sub, null);
        waitFor("the subscriber in status", () -> subscriber(status.status(), "collecting") != null);
        ServiceRegistration<EventSource> srcReg = fw.context().registerService(EventSource.class, new Source(1000),
                null);
        waitFor("1000 events", () -> sub.events.size() == 1000);
        assertEquals(1000, status.status().sources().stream().filter(s -> s.id().equals("wiring-source"))
                .findFirst().orElseThrow().published());
        srcReg.unregister();
        subReg.unregister();
        waitFor("the subscriber to leave status", () -> subscriber(status.status(), "collecting") == null);
        assertTrue(status.status().sources().stream().noneMatch(s -> s.id().equals("wiring-source")));
    }

    @Test
    void enrichersRunInServiceRankingOrder() throws Exception {
        fw.service(StatusService.class);
        List<String> order = new CopyOnWriteArrayList<>();
        for (int ranking : new int[] {5, 50, -1}) {
            Dictionary<String, Object> props = new Hashtable<>(Map.of(Constants.SERVICE_RANKING, ranking));
            fw.context().registerService(Enricher.class, new Enricher() {
                @Override
                public String id() {
                    return "r" + ranking;
                }

                @Override
                public Event enrich(Event event) {
                    order.add(id());
                    return event;
                }
            }, props);
        }
        Collecting sub = new Collecting();
        fw.context().registerService(EventSubscriber.class, sub, null);
        waitFor("three enrichers bound", () -> fw.service(StatusService.class).status().enrichers().size() == 3);
        fw.context().registerService(EventSource.class, new Source(1), null);
        waitFor("the event", () -> sub.events.size() == 1);
        assertEquals(List.of("r50", "r5", "r-1"), order);
    }

    @Test
    void aBadBusConfigurationValueIsReportedAndTheBusKeepsRunning() throws Exception {
        ConfigurationAdmin ca = fw.service(ConfigurationAdmin.class);
        ConfigProblems problems = fw.service(ConfigProblems.class);
        Configuration c = ca.getConfiguration("io.infrasight.bus", "?");
        c.update(new Hashtable<>(Map.of("queue.capacity", "lots")));
        waitFor("the problem", () -> problems.list().stream().anyMatch(p -> p.pid().equals("io.infrasight.bus")
                && p.property().equals("queue.capacity") && p.value().equals("lots")
                && p.reason().contains("integer")));
        Collecting sub = new Collecting();
        fw.context().registerService(EventSubscriber.class, sub, null);
        fw.context().registerService(EventSource.class, new Source(10), null);
        // if the configuration change re-activates the bus after this point, the new bus starts the source
        // again (it publishes its ten at every start) and the old one delivers what it had queued: count
        // distinct events, not deliveries
        waitFor("events through the reconfigured bus",
                () -> sub.events.stream().map(e -> e.header().pid()).distinct().count() == 10);
        // the configuration change may re-activate the bus (and its status service) after this point:
        // ask whichever instance is registered now, never one taken before
        org.osgi.util.tracker.ServiceTracker<StatusService, StatusService> current =
                new org.osgi.util.tracker.ServiceTracker<>(fw.context(), StatusService.class, null);
        current.open();
        try {
            waitFor("the subscriber in status", () -> current.getService() != null
                    && subscriber(current.getService().status(), "collecting") != null);
            assertEquals(65536, subscriber(current.getService().status(), "collecting").capacity(),
                    "default capacity in use");
        } finally {
            current.close();
        }
    }

    @Test
    void theJsonLinesBundleWritesAlertsPublishedOnTheBus() throws Exception {
        Path dir = Files.createTempDirectory("jsonl");
        ConfigurationAdmin ca = fw.service(ConfigurationAdmin.class);
        ca.getConfiguration("io.infrasight.sink.jsonl", "?").update(new Hashtable<>(Map.of("directory", dir.toString())));
        fw.install(System.getProperty("bundle.sink.jsonl"));
        StatusService status = fw.service(StatusService.class);
        waitFor("the alerts sink", () -> subscriber(status.status(), "sink-jsonl-alerts") != null);
        AlertPublisher alerts = fw.service(AlertPublisher.class);
        alerts.publish(new Alert("a-1", 1_000_000_000L, "wiring_rule", Severity.WARNING, "it works", List.of("t"),
                "test", Map.of(), exec(1)));
        Path file = dir.resolve("alerts.jsonl");
        waitFor("alerts.jsonl", () -> Files.exists(file) && Files.readString(file).contains("\"rule\":\"wiring_rule\""));
        String line = Files.readAllLines(file).get(0);
        assertTrue(line.contains("\"severity\":\"warning\"") && line.contains("\"event\":{"), line);
        assertEquals(1, subscriber(status.status(), "sink-jsonl-alerts").delivered());
    }
}
