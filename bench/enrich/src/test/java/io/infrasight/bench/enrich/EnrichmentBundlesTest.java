package io.infrasight.bench.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.enrich.EnrichmentStatus;
import io.infrasight.api.event.Context;
import io.infrasight.api.event.ContextKeys;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.OpenEvent;
import io.infrasight.api.spi.EventBus;
import io.infrasight.api.spi.EventSubscriber;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.api.status.EnricherStatus;
import io.infrasight.api.status.StatusService;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The five enricher bundles in a real Felix with SCR, Config Admin and Metatype and the real core:
 * they resolve, activate, register Enricher and EnrichmentStatus services, run in ranking order on
 * the bus, and report a bad configuration value while keeping the default.
 */
class EnrichmentBundlesTest {
    /**
     * The API's own Export-Package, read from its built manifest (as itests/wiring does), so the
     * versions exported here follow the API's package-info files instead of being pinned here.
     */
    private static final String API = io.infrasight.bpf.testkit.Exports.of(io.infrasight.api.event.Event.class) + ",org.osgi.service.cm;version=1.6.0";

    static void waitUntil(BooleanSupplier c, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(20);
        }
    }

    static <T> T service(BundleContext ctx, Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> t = new ServiceTracker<>(ctx, type, null);
        t.open();
        T s = t.waitForService(20_000);
        if (s == null) {
            throw new AssertionError("no " + type.getName());
        }
        return s;
    }

    @Test
    void fiveEnricherBundlesWireIntoTheBusInRankingOrderAndReportBadConfig() throws Exception {
        Path storage = Files.createTempDirectory("felix-enrich");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, API);
        Framework fw = new FrameworkFactory().newFramework(config);
        fw.start();
        try {
            BundleContext ctx = fw.getBundleContext();
            List<Bundle> all = new ArrayList<>();
            for (String jar : (System.getProperty("framework.bundles") + "," + System.getProperty("enrich.bundles"))
                    .split(",")) {
                all.add(ctx.installBundle(new File(jar).toURI().toString()));
            }
            for (Bundle b : all) {
                if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    b.start();
                }
            }
            for (Bundle b : all) {
                if (b.getSymbolicName().startsWith("io.infrasight.enrich")) {
                    assertEquals(Bundle.ACTIVE, b.getState(), b.getSymbolicName());
                }
            }
            StatusService status = service(ctx, StatusService.class);
            waitUntil(() -> status.status().enrichers().size() == 5, "five enrichers on the bus");
            List<String> order = status.status().enrichers().stream().map(EnricherStatus::id).toList();
            assertEquals(List.of("process", "users", "container", "k8s", "format"), order);
            waitUntil(() -> {
                try {
                    return ctx.getServiceReferences(EnrichmentStatus.class, null).size() == 5;
                } catch (Exception e) {
                    return false;
                }
            }, "five EnrichmentStatus services");

            List<Event> got = new CopyOnWriteArrayList<>();
            ctx.registerService(EventSubscriber.class, new EventSubscriber() {
                @Override
                public String id() {
                    return "test";
                }

                @Override
                public void onEvents(List<Event> events) {
                    got.addAll(events);
                }
            }, null);
            EventBus bus = service(ctx, EventBus.class);
            int self = (int) ProcessHandle.current().pid();
            EventHeader h = new EventHeader(EventKind.OPEN, System.currentTimeMillis() * 1_000_000L, 1, self, self,
                    (int) (long) ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L), 0, 0, 0, 0, "java", -2, 0,
                    "n", Context.EMPTY);
            waitUntil(() -> {
                bus.publisher("test").publish(new OpenEvent(h, "/nope", 0, 0, "openat"));
                return !got.isEmpty();
            }, "an enriched event");
            Context c = got.get(0).header().context();
            assertTrue(String.valueOf(c.get(ContextKeys.PROC_EXE)).endsWith("/java"), c.toString());
            assertEquals("root", c.get(ContextKeys.USER_NAME));
            assertEquals("host", c.get(ContextKeys.CONTAINER_RUNTIME));
            assertEquals("ENOENT", c.get(ContextKeys.EVT_ERRNO_NAME));

            ConfigurationAdmin cm = service(ctx, ConfigurationAdmin.class);
            Configuration cfg = cm.getConfiguration("io.infrasight.enrich.process", "?");
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("ancestry.depth", -3);
            cfg.update(props);
            ConfigProblems problems = service(ctx, ConfigProblems.class);
            waitUntil(() -> problems.list().stream().anyMatch(p -> p.property().equals("ancestry.depth")),
                    "the bad ancestry.depth reported");
            waitUntil(() -> status.status().enrichers().size() == 5, "the process enricher back on the bus");
        } finally {
            fw.stop();
            fw.waitForStop(20_000);
        }
    }
}
