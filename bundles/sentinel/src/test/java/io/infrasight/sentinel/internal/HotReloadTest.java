package io.infrasight.sentinel.internal;

import static io.infrasight.sentinel.internal.Ev.exec;
import static io.infrasight.sentinel.internal.Ev.proc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.sentinel.PackInfo;
import io.infrasight.sentinel.RuleProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule files added, broken, fixed and removed in a watched directory while another thread keeps
 * evaluating events: the engine never stops, and the broken version is named with file, line and
 * reason while the last good one keeps running.
 */
class HotReloadTest {
    @TempDir
    Path etc;
    @TempDir
    Path deploy;

    private final Harness h = new Harness(0, 0);
    private RuleFileWatcher watcher;
    private final AtomicBoolean flowing = new AtomicBoolean(true);
    private final AtomicLong inspected = new AtomicLong();
    private Thread flow;

    private static final String RULE = """
            - rule: marker_exec
              desc: fires on the marker program
              kinds: [exec]
              condition: proc.name = %s
              output: "marker %%proc.name"
              priority: notice
            """;

    @AfterEach
    void stop() throws InterruptedException {
        flowing.set(false);
        if (flow != null) {
            flow.join(5000);
        }
        if (watcher != null) {
            watcher.stop();
        }
    }

    private void startFlow() {
        flow = new Thread(() -> {
            while (flowing.get()) {
                h.sentinel.inspect(List.of(exec(proc("noise"), "/bin/noise", "noise")), h);
                inspected.incrementAndGet();
                Thread.onSpinWait();
            }
        }, "test-event-flow");
        flow.start();
    }

    private static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private boolean fires(String comm) {
        return h.ruleIds(exec(proc(comm), "/bin/" + comm, comm)).contains("marker_exec");
    }

    @Test
    void addBreakFixAndRemoveARuleFileWhileEventsFlow() throws Exception {
        watcher = new RuleFileWatcher(List.of(
                new RuleFileWatcher.Dir(etc, "etc", n -> n.endsWith(".yaml")),
                new RuleFileWatcher.Dir(deploy, "deploy", n -> n.endsWith(".rules.yaml"))), h.sentinel, true);
        watcher.start();
        startFlow();
        Path file = etc.resolve("local.yaml");

        Files.writeString(file, RULE.formatted("alpha"));
        await("the new rule to load", () -> fires("alpha"));

        // a syntax error: reported with file and line, and the last good version keeps running
        Files.writeString(file, RULE.formatted("beta") + "  - broken: [unclosed\n");
        await("the syntax error to be reported", () -> !h.sentinel.problems().isEmpty());
        RuleProblem p = h.sentinel.problems().get(0);
        assertEquals(file.toString(), p.source());
        assertEquals(7, p.line(), p.message());
        assertTrue(p.reason().contains("YAML syntax") && p.reason().contains("previous version keeps running"),
                p.reason());
        assertTrue(fires("alpha"), "the last good version still runs");
        assertEquals("stale", h.sentinel.packs().stream().filter(x -> x.name().equals(file.toString()))
                .map(PackInfo::state).findFirst().orElseThrow());

        Files.writeString(file, RULE.formatted("gamma"));
        await("the fixed rule to load", () -> fires("gamma"));
        assertTrue(h.sentinel.problems().isEmpty(), h.sentinel.problems().toString());
        assertTrue(!fires("alpha"), "the edit replaced the old condition");

        // deploy/ only takes *.rules.yaml
        Files.writeString(deploy.resolve("ignored.yaml"), RULE.formatted("delta").replace("marker_exec", "d1"));
        Files.writeString(deploy.resolve("extra.rules.yaml"), RULE.formatted("delta").replace("marker_exec", "d2"));
        await("the deploy/ rule to load", () -> h.ruleIds(exec(proc("delta"), "/bin/delta", "delta")).contains("d2"));
        assertTrue(!h.ruleIds(exec(proc("delta"), "/bin/delta", "delta")).contains("d1"));

        Files.delete(file);
        await("the removed rule to go", () -> !fires("gamma"));
        long before = inspected.get();
        await("events to keep flowing", () -> inspected.get() > before + 100);
        assertTrue(flow.isAlive(), "the evaluating thread never stopped");
        assertTrue(h.sentinel.counters().get("reloads") >= 4, h.sentinel.counters().toString());
    }
}
