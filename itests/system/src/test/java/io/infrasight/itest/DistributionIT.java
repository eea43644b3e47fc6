package io.infrasight.itest;

import static io.infrasight.itest.Distribution.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Boots the assembled distribution once and drives it from outside, the way an operator would:
 * HTTP, files in deploy/ and etc/, the web console's bundle actions, the log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DistributionIT {
    private static Distribution dist;

    @BeforeAll
    static void boot() throws Exception {
        dist = new Distribution("standalone");
        dist.start();
    }

    @AfterAll
    static void shutdown() throws Exception {
        if (dist != null) {
            dist.close();
        }
    }

    private static Path etc(String file) {
        return dist.home.resolve("etc").resolve(file);
    }

    private static Path deploy(String file) {
        return dist.home.resolve("deploy").resolve(file);
    }

    @Test
    @Order(1)
    void firstStartCreatesAdminWithRandomPasswordStoredHashed() throws Exception {
        assertNotNull(dist.password(), "first start prints the generated password; output: " + dist.output());
        assertTrue(dist.password().length() >= 16);
        waitFor(Duration.ofSeconds(30), "the password to be hashed",
                () -> dist.get("/infrasight/api/status", true).statusCode() == 200
                        && Files.readString(etc("users.properties")).contains("{CRYPT}"));
        assertFalse(Files.readString(etc("users.properties")).contains(dist.password()),
                "the plain password must not stay on disk");
    }

    @Test
    @Order(2)
    void allBootFeaturesAreInstalledAndTheirBundlesActive() throws Exception {
        String cfg = Files.readString(etc("org.apache.karaf.features.cfg"));
        List<String> boot = bootFeatures(cfg);
        assertTrue(boot.contains("infrasight-standalone"), boot.toString());
        waitFor(Duration.ofSeconds(60), "every bundle to be active", () -> {
            JsonNode b = dist.bundles();
            for (JsonNode n : b.path("data")) {
                String state = n.path("state").asText();
                if (!state.equals("Active") && !state.equals("Fragment")) {
                    return false;
                }
            }
            return b.path("data").size() > 50;
        });
        JsonNode features = dist.status().path("features");
        for (String f : boot) {
            JsonNode entry = Distribution.find(features, n -> n.path("name").asText().equals(f));
            assertNotNull(entry, "boot feature " + f + " not installed; installed: " + features);
            assertTrue(entry.path("boot").asBoolean(), f + " not marked as a boot feature: " + entry);
        }
    }

    static List<String> bootFeatures(String cfg) {
        Matcher m = Pattern.compile("featuresBoot\\s*=\\s*((?:[^\\n]*\\\\\\n)*[^\\n]*)").matcher(cfg);
        assertTrue(m.find(), "featuresBoot missing");
        List<String> out = new ArrayList<>();
        for (String part : m.group(1).replace("\\\n", "").split(",")) {
            String name = part.replaceAll("[()\\s]", "");
            if (!name.isEmpty()) {
                out.add(name.contains("/") ? name.substring(0, name.indexOf('/')) : name);
            }
        }
        return out;
    }

    @Test
    @Order(3)
    void statusEndpointNeedsCredentialsAndAnswersJson() throws Exception {
        HttpResponse<String> anonymous = dist.get("/infrasight/api/status", false);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        HttpResponse<String> ok = dist.get("/infrasight/api/status", true);
        assertEquals(200, ok.statusCode());
        assertTrue(ok.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode s = Distribution.JSON.readTree(ok.body());
        assertTrue(s.has("subscribers") && s.has("sources") && s.has("config_problems"), ok.body());
        // Capability sections: Sentinel's packs and the enrichers' cache counters are part of status.
        waitFor(Duration.ofSeconds(30), "rules and enrichment sections in status", () -> {
            JsonNode sections = dist.status().path("sections");
            return Distribution.find(sections, n -> n.path("id").asText().equals("rules")) != null
                    && Distribution.find(sections, n -> n.path("id").asText().equals("enrichment")) != null;
        });
        assertEquals(401, dist.get("/infrasight/metrics", false).statusCode());
    }

    @Test
    @Order(4)
    void bundleDroppedIntoDeployReceivesEventsAndLeavesCleanlyWhenDeleted() throws Exception {
        Files.writeString(etc("io.infrasight.source.synthetic.cfg"), "rate = 20000\nkinds = exec,open\n");
        Files.copy(Path.of(System.getProperty("infrasight.synthetic.jar")), deploy("synthetic.jar"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(Path.of(System.getProperty("infrasight.subscriber.jar")), deploy("counter.jar"),
                StandardCopyOption.REPLACE_EXISTING);
        waitFor(Duration.ofSeconds(60), "the deployed subscriber to receive events", () -> {
            JsonNode s = dist.subscriber("test-counter");
            return s != null && s.path("delivered").asLong() > 1000;
        });
        Files.delete(deploy("counter.jar"));
        waitFor(Duration.ofSeconds(60), "the subscriber to disappear", () -> dist.subscriber("test-counter") == null);
        waitFor(Duration.ofSeconds(30), "the bundle to be uninstalled", () -> Distribution.find(
                dist.bundles().path("data"), n -> n.path("symbolicName").asText()
                        .equals("io.infrasight.itest.subscriber")) == null);
        JsonNode source = dist.source("synthetic");
        assertEquals(0, source.path("counters").path("errors").asLong(), source.toString());
        Files.delete(etc("io.infrasight.source.synthetic.cfg"));
        waitFor(Duration.ofSeconds(60), "the synthetic source to stop", () -> dist.source("synthetic") == null);
        Files.delete(deploy("synthetic.jar"));
    }

    @Test
    @Order(5)
    void hotSwappingOneSubscriberUnderLoadCostsTheOthersNothingAndTheSlowOneDropsVisibly() throws Exception {
        long total = 3_000_000;
        // Two fast counters and a slow one with a small queue; the JSON lines sink writes events too.
        // The kernel probes publish events of every kind: switch them off, so that the counters see only
        // the synthetic source and can be compared with it exactly.
        setProbesEnabled(false);
        // The embedded store is a subscriber too, but a slow one (tens of thousands of rows/s): it would
        // drop (counted) and take a core from the source; this test is about the bus, so it sits out.
        assertEquals(200, dist.post("/system/console/bundles/io.infrasight.store.embedded", "action=stop").statusCode());
        String kinds = "infrasight.kinds = chmod,ptrace,mount\n";
        Files.writeString(etc("io.infrasight.test.counter-a.cfg"), "id = counter-a\n" + kinds);
        Files.writeString(etc("io.infrasight.test.counter-b.cfg"), "id = counter-b\n" + kinds);
        Files.writeString(etc("io.infrasight.test.counter-slow.cfg"),
                "id = counter-slow\ndelay.micros = 20000\ninfrasight.queue.capacity = 1024\n" + kinds);
        Path jsonl = etc("io.infrasight.sink.jsonl.cfg");
        Files.writeString(jsonl, Files.readString(jsonl).replace("events.enabled = false", "events.enabled = true"));
        Files.copy(Path.of(System.getProperty("infrasight.subscriber.jar")), deploy("counter.jar"),
                StandardCopyOption.REPLACE_EXISTING);
        waitFor(Duration.ofSeconds(60), "three counters and the events sink", () -> dist.subscriber("counter-a") != null
                && dist.subscriber("counter-b") != null && dist.subscriber("counter-slow") != null
                && dist.subscriber("sink-jsonl-events") != null);

        Files.writeString(etc("io.infrasight.source.synthetic.cfg"),
                "rate = 150000\nkinds = chmod,ptrace,mount\nbatch.size = 512\ntotal = " + total + "\n");
        Files.copy(Path.of(System.getProperty("infrasight.synthetic.jar")), deploy("synthetic.jar"),
                StandardCopyOption.REPLACE_EXISTING);
        waitFor(Duration.ofSeconds(60), "the source to start", () -> dist.source("synthetic") != null
                && dist.source("synthetic").path("published").asLong() > 0);
        long started = System.nanoTime();

        for (int i = 0; i < 10; i++) {
            assertEquals(200, dist.post("/system/console/bundles/io.infrasight.sink.jsonl", "action=stop").statusCode());
            Thread.sleep(300);
            assertEquals(200,
                    dist.post("/system/console/bundles/io.infrasight.sink.jsonl", "action=start").statusCode());
            Thread.sleep(700);
        }
        waitFor(Duration.ofSeconds(120), "the source to publish its total",
                () -> dist.source("synthetic").path("published").asLong() == total);
        double seconds = (System.nanoTime() - started) / 1e9;
        waitFor(Duration.ofSeconds(60), "the fast counters to drain", () -> dist.subscriber("counter-a")
                .path("delivered").asLong() == total && dist.subscriber("counter-b").path("delivered").asLong() == total);

        JsonNode source = dist.source("synthetic");
        assertEquals(0, source.path("counters").path("errors").asLong(), "exceptions on the source thread: " + source);
        assertTrue(total / seconds >= 100_000, "source rate " + (total / seconds) + " events/s is below 100k");
        for (String id : List.of("counter-a", "counter-b")) {
            JsonNode s = dist.subscriber(id);
            assertEquals(total, s.path("delivered").asLong(), s.toString());
            s.path("dropped").fields().forEachRemaining(e -> assertEquals(0, e.getValue().asLong(), id + " " + e));
        }
        JsonNode slow = dist.subscriber("counter-slow");
        long slowDropped = slow.path("dropped").path("queue_full").asLong();
        assertTrue(slowDropped > 0, "the slow subscriber should have dropped: " + slow);
        String metrics = dist.get("/infrasight/metrics", true).body();
        String line = metrics.lines().filter(l -> l.startsWith("infrasight_subscriber_events_dropped_total{")
                && l.contains("subscriber=\"counter-slow\"") && l.contains("reason=\"queue_full\""))
                .findFirst().orElse(null);
        assertNotNull(line, "slow subscriber drops missing from /infrasight/metrics:\n" + metrics);
        assertTrue(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) > 0, line);
        System.out.printf("hot swap: %d events at %.0f events/s; slow subscriber dropped %d%n", total,
                total / seconds, slowDropped);
        setProbesEnabled(true);
        assertEquals(200, dist.post("/system/console/bundles/io.infrasight.store.embedded", "action=start").statusCode());
    }

    @Test
    @Order(6)
    void badConfigurationValueIsReportedWithPidPropertyAndReasonWhileTheRestRuns() throws Exception {
        Path jsonl = etc("io.infrasight.sink.jsonl.cfg");
        Files.writeString(jsonl, Files.readString(jsonl).replaceAll("rotate\\.size\\.mb = \\d+", "rotate.size.mb = lots"));
        waitFor(Duration.ofSeconds(30), "the problem to show in status", () -> {
            for (JsonNode p : dist.status().path("config_problems")) {
                if (p.path("pid").asText().equals("io.infrasight.sink.jsonl")
                        && p.path("property").asText().equals("rotate.size.mb")
                        && p.path("reason").asText().contains("integer")) {
                    return true;
                }
            }
            return false;
        });
        waitFor(Duration.ofSeconds(10), "the problem to be logged", () -> dist.log().contains(
                "Configuration io.infrasight.sink.jsonl: property 'rotate.size.mb' = 'lots' rejected"));
        // The sink itself kept running on its default, and so did everything else.
        waitFor(Duration.ofSeconds(30), "the sink to be back", () -> dist.subscriber("sink-jsonl-alerts") != null);
        assertNotNull(dist.subscriber("counter-a"));
        assertEquals(200, dist.get("/infrasight/api/status", true).statusCode());
    }

    @Test
    @Order(7)
    void theExecProbeReportsACommandWithItsPidParentUserAndArguments() throws Exception {
        JsonNode exec = dist.source("probe.exec");
        assertNotNull(exec, "no probe.exec source in status");
        assertEquals("RUNNING", exec.path("state").asText(), exec.toString());
        String marker = "infrasight-marker-" + System.nanoTime();
        Process p = new ProcessBuilder("/bin/echo", marker).start();
        p.waitFor();
        long pid = p.pid();
        JsonNode[] found = new JsonNode[1];
        waitFor(Duration.ofSeconds(30), "the exec event of " + marker, () -> {
            JsonNode events = Distribution.JSON.readTree(
                    dist.get("/infrasight/api/events?kind=exec&limit=1000", true).body()).path("events");
            found[0] = Distribution.find(events, e -> e.path("data").path("argv").toString().contains(marker));
            return found[0] != null;
        });
        JsonNode e = found[0];
        assertEquals(pid, e.path("pid").asLong(), e.toString());
        assertEquals(ProcessHandle.current().pid(), e.path("ppid").asLong(), e.toString());
        assertEquals(0, e.path("uid").asInt(), e.toString());
        assertEquals("/bin/echo", e.path("data").path("filename").asText(), e.toString());
        assertEquals("[\"/bin/echo\",\"" + marker + "\"]", e.path("data").path("argv").toString());
        // The JSON lines sink (events on since the hot-swap test) wrote the same event.
        waitFor(Duration.ofSeconds(10), "the event in data/events.jsonl",
                () -> Files.readString(dist.home.resolve("data/events.jsonl")).contains(marker));
    }

    @Test
    @Order(8)
    void restartingTheExecProbeBundleFiveTimesLeavesNoBpfProgramsOrMapsBehind() throws Exception {
        long karaf = Bpf.karafPid(dist.home);
        int progs = Bpf.programsOf(karaf);
        int maps = Bpf.mapsOf(karaf);
        assertTrue(progs > 0, "the running probes hold no BPF programs?");
        for (int i = 0; i < 5; i++) {
            assertEquals(200, dist.post("/system/console/bundles/io.infrasight.probe.exec", "action=stop").statusCode());
            waitFor(Duration.ofSeconds(30), "the exec probe's programs to be released",
                    () -> Bpf.programsOf(karaf) < progs && dist.source("probe.exec") == null);
            assertEquals(200, dist.post("/system/console/bundles/io.infrasight.probe.exec", "action=start").statusCode());
            waitFor(Duration.ofSeconds(30), "the exec probe to run again", () -> dist.source("probe.exec") != null
                    && "RUNNING".equals(dist.source("probe.exec").path("state").asText()));
            String marker = "infrasight-again-" + i + "-" + System.nanoTime();
            new ProcessBuilder("/bin/echo", marker).start().waitFor();
            waitFor(Duration.ofSeconds(30), "an exec event after restart " + i, () -> dist.get(
                    "/infrasight/api/events?kind=exec&limit=1000", true).body().contains(marker));
        }
        assertEquals(progs, Bpf.programsOf(karaf), "BPF programs held by the distribution");
        assertEquals(maps, Bpf.mapsOf(karaf), "BPF maps held by the distribution");
    }

    @Test
    @Order(9)
    void shellCommandsAnswerThroughTheKarafClient() throws Exception {
        Shell shell = Shell.install(dist);
        // bin/client in batch mode occasionally returns before the output arrives on a loaded machine,
        // so each check may take a few tries; what it must eventually print is fixed.
        waitFor(Duration.ofSeconds(60), "infrasight:status to list the probe and the live view", () -> {
            String status = shell.run("infrasight:status");
            return status.contains("probe.exec") && status.contains("live-events");
        });
        waitFor(Duration.ofSeconds(60), "infrasight:probes to show probe.exec running", () -> {
            String probes = shell.run("infrasight:probes");
            return probes.contains("probe.exec") && probes.contains("RUNNING");
        });
        String marker = "infrasight-shell-" + System.nanoTime();
        Process p = new ProcessBuilder("/bin/echo", marker).start();
        p.waitFor();
        // Filtered to the one process: small answers, whatever else this busy machine runs.
        String byPid = "infrasight:events -k exec -p " + p.pid();
        waitFor(Duration.ofSeconds(60), "the marker in infrasight:events", () -> shell.run(byPid).contains(marker));
        waitFor(Duration.ofSeconds(60), "the marker as JSON", () -> shell.run(byPid + " --json").lines()
                .anyMatch(l -> l.startsWith("{\"schema\":1") && l.contains(marker)));
        waitFor(Duration.ofSeconds(60), "help for infrasight:events",
                () -> shell.run("infrasight:events --help").contains("--follow"));
        // Sentinel's command lists the default pack's rules; reading a sensitive file raises an alert
        // that infrasight:alerts shows.
        waitFor(Duration.ofSeconds(60), "infrasight:rules to list the default pack",
                () -> shell.run("infrasight:rules").contains("sensitive"));
        new ProcessBuilder("/bin/cat", "/etc/shadow").redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        waitFor(Duration.ofSeconds(60), "an alert in infrasight:alerts", () -> {
            String alerts = shell.run("infrasight:alerts -n 200");
            return !alerts.contains("Exception") && alerts.contains("shadow");
        });
        // The same alert went to the log alert sink.
        waitFor(Duration.ofSeconds(30), "the alert in the log", () -> dist.log().lines()
                .anyMatch(l -> l.contains("ALERT") && l.contains("read_sensitive_file_untrusted")));
        // The embedded store answers read-only SQL over the same events, and refuses writes. It is the
        // slowest subscriber and may drop under a flood (counted); each try runs a fresh command.
        List<Long> pids = new ArrayList<>();
        waitFor(Duration.ofSeconds(120), "an exec event in the embedded store", () -> {
            Process q = new ProcessBuilder("/bin/echo", marker).start();
            q.waitFor();
            pids.add(q.pid());
            String in = pids.toString().replace("[", "(").replace("]", ")");
            Thread.sleep(3000);
            return shell.run("infrasight:query \"SELECT comm, filename FROM infrasight.exec_events WHERE pid IN " + in
                    + "\"").contains("/bin/echo");
        });
        waitFor(Duration.ofSeconds(60), "a write to be refused", () -> shell.run(
                "infrasight:query \"DELETE FROM infrasight.alerts\"").contains("not_read_only"));
    }

    @Test
    @Order(10)
    void allTenProbesRunTogetherAndStoppingAnyOneLeavesTheOthersRunning() throws Exception {
        List<String> probes = List.of("probe.exec", "probe.open", "probe.chmod", "probe.connect", "probe.accept",
                "probe.ptrace", "probe.mmap", "probe.mount", "probe.resource", "probe.syscalls");
        waitFor(Duration.ofSeconds(60), "all ten probes running", () -> probes.stream().allMatch(id -> {
            try {
                JsonNode s = dist.source(id);
                return s != null && s.path("state").asText().equals("RUNNING");
            } catch (Exception e) {
                return false;
            }
        }));
        for (String stopped : probes) {
            String bundle = "io.infrasight." + stopped;
            assertEquals(200, dist.post("/system/console/bundles/" + bundle, "action=stop").statusCode());
            waitFor(Duration.ofSeconds(30), stopped + " to leave status", () -> dist.source(stopped) == null);
            JsonNode status = dist.status();
            for (String other : probes) {
                if (!other.equals(stopped)) {
                    JsonNode s = Distribution.find(status.path("sources"), n -> n.path("id").asText().equals(other));
                    assertNotNull(s, other + " gone while " + stopped + " was stopped");
                    assertEquals("RUNNING", s.path("state").asText(), other + " while " + stopped + " was stopped");
                }
            }
            assertEquals(200, dist.post("/system/console/bundles/" + bundle, "action=start").statusCode());
            waitFor(Duration.ofSeconds(30), stopped + " to run again", () -> dist.source(stopped) != null
                    && dist.source(stopped).path("state").asText().equals("RUNNING"));
        }
    }

    /** Switches every kernel probe through its etc/ file, as an operator would, and waits for status to agree. */
    private static void setProbesEnabled(boolean enabled) throws Exception {
        List<String> ids = new ArrayList<>();
        try (var files = Files.list(dist.home.resolve("etc"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.startsWith("io.infrasight.probe.") && name.endsWith(".cfg")) {
                    String text = Files.readString(f).replaceAll("(?m)^enabled\\s*=.*$", "");
                    Files.writeString(f, text + "\nenabled = " + enabled + "\n");
                    ids.add(name.substring("io.infrasight.".length(), name.length() - ".cfg".length()));
                }
            }
        }
        assertFalse(ids.isEmpty(), "no probe configurations in etc/");
        waitFor(Duration.ofSeconds(60), "probes " + ids + " to be " + (enabled ? "enabled" : "disabled"), () -> {
            for (String id : ids) {
                JsonNode s = dist.source(id);
                if (s == null || s.path("state").asText().equals("DISABLED") == enabled) {
                    return false;
                }
            }
            return true;
        });
    }
}
