package io.infrasight.sentinel.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.event.Context;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.OpenEvent;
import io.infrasight.api.spi.AlertSink;
import io.infrasight.api.spi.Detector;
import io.infrasight.api.spi.EventBus;
import io.infrasight.sentinel.PackInfo;
import io.infrasight.sentinel.SentinelStatus;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The sentinel bundle in a real Felix framework with SCR and the core bundle: it registers as a
 * Detector and SentinelStatus, picks up the rules-default bundle through its manifest header (and
 * drops its rules when that bundle stops), loads files from etc/rules, and its alerts reach an
 * AlertSink through the bus.
 */
class SentinelBundleIT {
    /**
     * The API's own Export-Package, read from its built manifest (as itests/wiring does), so the
     * versions exported here follow the API's package-info files instead of being pinned here.
     */
    private static final String SHARED = io.infrasight.bpf.testkit.Exports.of(io.infrasight.api.event.Event.class) + ","
            + io.infrasight.bpf.testkit.Exports.of(io.infrasight.sentinel.SentinelStatus.class) + ","
            // the shell API from the class path: this test checks wiring, not Karaf's shell
            + "org.apache.karaf.shell.api.action;version=4.4.10,org.apache.karaf.shell.api.action.lifecycle;version=4.4.10";

    @TempDir
    Path home;
    private Framework fw;

    @BeforeEach
    void start() throws Exception {
        System.setProperty("karaf.etc", home.resolve("etc").toString());
        System.setProperty("karaf.base", home.toString());
        Files.createDirectories(home.resolve("etc/rules"));
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, home.resolve("felix").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, SHARED);
        fw = new FrameworkFactory().newFramework(config);
        fw.start();
        List<Bundle> installed = new java.util.ArrayList<>();
        for (String jar : System.getProperty("bundles").split(",")) {
            installed.add(ctx().installBundle(new File(jar).toURI().toString()));
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
    }

    @AfterEach
    void stop() throws Exception {
        fw.stop();
        fw.waitForStop(20_000);
    }

    private BundleContext ctx() {
        return fw.getBundleContext();
    }

    private <T> T service(Class<T> type) throws Exception {
        ServiceTracker<T, T> t = new ServiceTracker<>(ctx(), type, null);
        t.open();
        T s = t.waitForService(TimeUnit.SECONDS.toMillis(20));
        if (s == null) {
            throw new AssertionError("no " + type.getName() + " service; bundles: "
                    + java.util.Arrays.stream(ctx().getBundles()).map(b -> b.getSymbolicName() + ":" + b.getState()).toList());
        }
        return s;
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(String what, Check c) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!c.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void packBundleRulesLoadAndUnloadWithTheBundleAndAlertsReachAnAlertSink() throws Exception {
        SentinelStatus status = service(SentinelStatus.class);
        service(Detector.class);
        assertEquals(0, status.rules().size(), "no pack yet");

        Bundle pack = ctx().installBundle(new File(System.getProperty("bundle.rules.default")).toURI().toString());
        pack.start();
        waitFor("the default pack's rules", () -> status.rules().size() >= 30);
        PackInfo info = status.packs().get(0);
        assertEquals("bundle", info.origin());
        assertEquals("1.0.0", info.version());
        assertTrue(info.name().startsWith("io.infrasight.rules.default/"), info.name());
        assertTrue(status.problems().isEmpty(), status.problems().toString());

        List<Alert> alerts = new CopyOnWriteArrayList<>();
        ctx().registerService(AlertSink.class, new AlertSink() {
            @Override
            public String id() {
                return "it-sink";
            }

            @Override
            public void onAlerts(List<Alert> batch) {
                alerts.addAll(batch);
            }
        }, null);
        EventBus bus = service(EventBus.class);
        OpenEvent shadow = new OpenEvent(new EventHeader(EventKind.OPEN, System.currentTimeMillis() * 1_000_000L, 0,
                4711, 4711, 1, 0, 0, 0, 0, "cat", 3, 0, "node", Context.EMPTY), "/etc/shadow", 0, 0, "openat");
        waitFor("an alert through the bus", () -> {
            bus.publisher("it").publish(shadow);
            Thread.sleep(100);
            return alerts.stream().anyMatch(a -> a.ruleId().equals("read_sensitive_file_untrusted"));
        });
        assertTrue(status.counters().get("alerts") >= 1, status.counters().toString());

        pack.stop();
        waitFor("the pack's rules to go with its bundle", () -> status.rules().isEmpty());

        Files.writeString(home.resolve("etc/rules/local.yaml"), """
                - rule: local_rule
                  desc: a rule dropped into etc/rules
                  kinds: [exec]
                  condition: proc.name = marker
                  output: marker %proc.pid
                  priority: notice
                """);
        waitFor("the etc/rules file", () -> status.rules().stream().anyMatch(r -> r.id().equals("local_rule")));
    }
}
