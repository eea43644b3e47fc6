package io.infrasight.k8s.controller.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.infrasight.api.delivery.CounterSource;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The packaged bundle (embedded fabric8 client, Jackson, SnakeYAML) in a real Felix framework with SCR
 * and Config Admin: off without configuration, and with it, reconciling against the mock API server
 * from inside the bundle's class loader.
 */
class OsgiIT {
    private static final long DEADLINE_MS = 60_000;
    private MockCluster cluster;
    private Framework framework;
    private Path storage;
    private final Map<String, List<ConfigProblem>> problems = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        cluster = new MockCluster();
        storage = Files.createTempDirectory("felix-k8s");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // the API and Config Admin types come from the class path so that the test shares them with the bundle
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "io.infrasight.api.status;version=1.1.0,"
                + "io.infrasight.api.delivery;version=1.0.0,org.osgi.service.cm;version=1.6.0");
        framework = new FrameworkFactory().newFramework(config);
        framework.start();
        List<Bundle> installed = new ArrayList<>();
        for (String jar : System.getProperty("bundles").split(",")) {
            installed.add(context().installBundle(new File(jar).toURI().toString()));
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
        context().registerService(ConfigProblems.class, new ConfigProblems() {
            @Override
            public void report(String pid, List<ConfigProblem> list) {
                problems.put(pid, List.copyOf(list));
            }

            @Override
            public List<ConfigProblem> list() {
                return problems.values().stream().flatMap(List::stream).toList();
            }
        }, null);
    }

    @AfterEach
    void stop() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(20_000);
        }
        cluster.close();
    }

    private BundleContext context() {
        return framework.getBundleContext();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.currentTimeMillis() + DEADLINE_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("not within " + DEADLINE_MS + " ms: " + what);
            }
            Thread.sleep(100);
        }
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> t = new ServiceTracker<>(context(), type, null);
        t.open();
        T s = t.waitForService(DEADLINE_MS);
        assertNotNull(s, "no " + type.getName() + " within the deadline");
        return s;
    }

    @Test
    void theBundleResolvesAndReconcilesWithItsEmbeddedClientOnlyOnceConfigured() throws Exception {
        Bundle bundle = context().installBundle(new File(System.getProperty("controller.bundle")).toURI().toString());
        bundle.start();
        assertEquals(Bundle.ACTIVE, bundle.getState());
        Thread.sleep(500);
        assertEquals(null, context().getServiceReference(CounterSource.class), "no configuration, no component");

        ConfigurationAdmin admin = service(ConfigurationAdmin.class);
        Configuration c = admin.getConfiguration(K8sControllerConfig.PID, "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("enabled", true);
        props.put("namespace", MockCluster.NS);
        props.put("api.url", cluster.client.getConfiguration().getMasterUrl());
        props.put("resync.seconds", 5); // below the minimum: reported, default used
        c.update(props);

        CounterSource counters = service(CounterSource.class);
        assertEquals("k8s-controller", counters.id());
        await("controller watching", () -> counters.counters().get("watching") == 1L);
        assertTrue(problems.getOrDefault(K8sControllerConfig.PID + "#component", List.of()).stream()
                .anyMatch(p -> p.property().equals("resync.seconds")), "bad value reported: " + problems);

        cluster.create(MockCluster.resource("nodes", List.of("exec", "syscalls")));
        await("DaemonSet created by the bundle", () -> {
            DaemonSet ds = cluster.client.apps().daemonSets().inNamespace(MockCluster.NS)
                    .withName(AgentResources.daemonSetName("nodes")).get();
            return ds != null;
        });
        await("reconcile counted", () -> counters.counters().get("reconciles") >= 1L);

        bundle.stop();
        await("the bundle's threads end with it", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("infrasight-k8s-")));
    }
}
