package io.infrasight.enrich.process.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.ContextKeys;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.ExecEvent;
import io.infrasight.api.event.OpenEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against real processes and the real /proc. */
class ProcessTreeTest {
    private Process started;

    @AfterEach
    void killStarted() throws Exception {
        if (started != null) {
            started.descendants().forEach(ProcessHandle::destroyForcibly);
            started.destroyForcibly();
            started.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static Event openBy(long pid, long ppid, String comm) {
        EventHeader h = EventHeader.of(EventKind.OPEN, System.currentTimeMillis() * 1_000_000L, (int) pid, (int) pid,
                (int) ppid, 0, comm);
        return new OpenEvent(h, "/etc/hostname", 0, 0, "openat");
    }

    static ProcessHandle waitForChild(ProcessHandle parent, String exeSuffix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Optional<ProcessHandle> c = parent.children()
                    .filter(h -> h.info().command().map(s -> s.endsWith(exeSuffix)).orElse(false)).findFirst();
            if (c.isPresent()) {
                return c.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no child ending in " + exeSuffix + " under " + parent.pid());
    }

    static String real(String cmd) throws Exception {
        for (String dir : List.of("/usr/bin", "/bin")) {
            Path p = Path.of(dir, cmd);
            if (Files.exists(p)) {
                return p.toRealPath().toString();
            }
        }
        throw new AssertionError(cmd + " not found");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> ancestors(Event e) {
        return (List<Map<String, Object>>) e.header().context().get(ContextKeys.PROC_ANCESTORS);
    }

    @Test
    void threeLevelProcessChainIsReportedWithItsAncestry() throws Exception {
        // java -> bash -> sh -> sleep; the trailing "; true" keeps each shell from exec'ing its child
        started = new ProcessBuilder("bash", "-c", "sh -c 'sleep 30; true'; true").start();
        ProcessHandle bash = started.toHandle();
        ProcessHandle sh = waitForChild(bash, "dash".equals(Path.of(real("sh")).getFileName().toString()) ? "dash"
                : Path.of(real("sh")).getFileName().toString());
        ProcessHandle sleep = waitForChild(sh, "sleep");

        try (ProcessTree tree = new ProcessTree(ProcessTree.Settings.defaults())) {
            Event e = tree.enrich(openBy(sleep.pid(), sh.pid(), "sleep"));
            var ctx = e.header().context();
            assertEquals(real("sleep"), ctx.get(ContextKeys.PROC_EXE));
            assertEquals("sleep 30", ctx.get(ContextKeys.PROC_CMDLINE));
            assertEquals("live", ctx.get(ContextKeys.PROC_STATUS));
            assertNotNull(ctx.get(ContextKeys.PROC_START_TIME));
            List<Map<String, Object>> a = ancestors(e);
            assertEquals(5, a.size(), "default depth 5: sh, bash, java, and two above: " + a);
            assertEquals((int) sh.pid(), a.get(0).get("pid"));
            assertEquals(real("sh"), a.get(0).get("exe"));
            assertEquals((int) bash.pid(), a.get(1).get("pid"));
            assertEquals("bash", a.get(1).get("comm"));
            assertEquals(real("bash"), a.get(1).get("exe"));
            assertEquals((int) ProcessHandle.current().pid(), a.get(2).get("pid"));

            // a second event is a cache hit with the same ancestry, no new /proc reads
            long reads = tree.counters().get("proc_reads");
            Event again = tree.enrich(openBy(sleep.pid(), sh.pid(), "sleep"));
            assertEquals(a, ancestors(again));
            assertEquals(reads, tree.counters().get("proc_reads"));
            assertTrue(tree.counters().get("ancestry_reused") >= 1);
        }
    }

    @Test
    void ancestryDepthIsConfigurable() throws Exception {
        started = new ProcessBuilder("sleep", "30").start();
        ProcessTree.Settings d = ProcessTree.Settings.defaults();
        ProcessTree.Settings one = new ProcessTree.Settings(d.procRoot(), d.capacity(), 1, d.lingerMillis(),
                d.scanMillis(), d.missBudgetPerSecond(), d.cmdlineMax(), d.negativeTtlMillis());
        try (ProcessTree tree = new ProcessTree(one)) {
            Event e = tree.enrich(openBy(started.pid(), ProcessHandle.current().pid(), "sleep"));
            assertEquals(1, ancestors(e).size());
            assertEquals((int) ProcessHandle.current().pid(), ancestors(e).get(0).get("pid"));
        }
    }

    @Test
    void eventFromAProcessThatExitedOneSecondEarlierStillResolves() throws Exception {
        started = new ProcessBuilder("sleep", "30").start();
        long pid = started.pid();
        long self = ProcessHandle.current().pid();
        try (ProcessTree tree = new ProcessTree(ProcessTree.Settings.defaults())) {
            tree.start(); // seeds from /proc and notices exits
            waitUntil(() -> tree.table().get((int) pid) != null, "seeded");
            started.destroy();
            started.waitFor(10, TimeUnit.SECONDS);
            waitUntil(() -> !tree.table().get((int) pid).live(), "exit noticed by the /proc scan");
            Thread.sleep(1000);

            Event late = tree.enrich(openBy(pid, self, "sleep"));
            assertEquals(real("sleep"), late.header().context().get(ContextKeys.PROC_EXE));
            assertEquals("exited", late.header().context().get(ContextKeys.PROC_STATUS));
            assertEquals((int) self, ancestors(late).get(0).get("pid"));
        }
    }

    @Test
    void exitedProcessIsForgottenAfterItsLingerTime() throws Exception {
        started = new ProcessBuilder("sleep", "30").start();
        int pid = (int) started.pid();
        ProcessTree.Settings d = ProcessTree.Settings.defaults();
        ProcessTree.Settings shortLinger = new ProcessTree.Settings(d.procRoot(), d.capacity(), 5, 200, 100,
                d.missBudgetPerSecond(), d.cmdlineMax(), d.negativeTtlMillis());
        try (ProcessTree tree = new ProcessTree(shortLinger)) {
            tree.enrich(openBy(pid, ProcessHandle.current().pid(), "sleep"));
            started.destroy();
            started.waitFor(10, TimeUnit.SECONDS);
            tree.start();
            waitUntil(() -> tree.table().get(pid) == null, "expired after linger");
            assertTrue(tree.counters().get("expired") >= 1);
        }
    }

    @Test
    void execEventOfAShortLivedProcessResolvesWithoutProc() throws Exception {
        // the process ran and exited before anyone read /proc: all we have is its exec event
        started = new ProcessBuilder("true").start();
        started.waitFor(10, TimeUnit.SECONDS);
        int pid = (int) started.pid();
        int self = (int) ProcessHandle.current().pid();
        try (ProcessTree tree = new ProcessTree(ProcessTree.Settings.defaults())) {
            EventHeader h = EventHeader.of(EventKind.EXEC, 1, pid, pid, self, 0, "true");
            Event exec = tree.enrich(new ExecEvent(h, "/usr/bin/true", List.of("true", "--x"), false, "/tmp", false,
                    false));
            assertEquals("/usr/bin/true", exec.header().context().get(ContextKeys.PROC_EXE));
            assertEquals("true --x", exec.header().context().get(ContextKeys.PROC_CMDLINE));
            tree.scanOnce(); // not in /proc: marked exited, still resolves
            Event after = tree.enrich(openBy(pid, self, "true"));
            assertEquals("exited", after.header().context().get(ContextKeys.PROC_STATUS));
            assertEquals("/usr/bin/true", after.header().context().get(ContextKeys.PROC_EXE));
        }
    }

    @Test
    void childForkedWithoutExecResolvesFromItsParentEvenWhenProcNeverSawIt() throws Exception {
        started = new ProcessBuilder("sleep", "30").start();
        int parent = (int) started.pid();
        try (ProcessTree tree = new ProcessTree(ProcessTree.Settings.defaults())) {
            tree.enrich(openBy(parent, ProcessHandle.current().pid(), "sleep"));
            // pids above pid_max: children that /proc cannot show (gone before anyone looked)
            Event child = tree.enrich(openBy(4_300_100, parent, "sleep"));
            assertEquals(real("sleep"), child.header().context().get(ContextKeys.PROC_EXE));
            assertEquals("sleep 30", child.header().context().get(ContextKeys.PROC_CMDLINE));
            assertEquals(parent, ancestors(child).get(0).get("pid"));
            assertEquals(1L, tree.counters().get("forks_inferred"));
            // a different comm means the child exec'd something else: nothing is guessed
            Event other = tree.enrich(openBy(4_300_101, parent, "curl"));
            assertEquals("unknown", other.header().context().get(ContextKeys.PROC_STATUS));
            tree.scanOnce(); // not in /proc: the inferred child is marked exited and still resolves
            Event late = tree.enrich(openBy(4_300_100, parent, "sleep"));
            assertEquals("exited", late.header().context().get(ContextKeys.PROC_STATUS));
            assertEquals(real("sleep"), late.header().context().get(ContextKeys.PROC_EXE));
        }
    }

    @Test
    void relativeExecPathIsResolvedAgainstTheCwd() {
        try (ProcessTree tree = new ProcessTree(ProcessTree.Settings.defaults())) {
            EventHeader h = EventHeader.of(EventKind.EXEC, 1, 4_300_001, 4_300_001, 1, 0, "tool");
            Event e = tree.enrich(new ExecEvent(h, "./bin/../tool", List.of("./tool"), false, "/opt/x", false, false));
            assertEquals("/opt/x/tool", e.header().context().get(ContextKeys.PROC_EXE));
        }
    }

    @Test
    void garbageAndMissingProcEntriesLeaveTheEventUnknownAndAreCounted() throws Exception {
        Path root = Files.createTempDirectory("fakeproc");
        Files.writeString(root.resolve("uptime"), "100.00 50.00\n");
        Files.createDirectories(root.resolve("100"));
        Files.writeString(root.resolve("100/stat"), "garbage without parentheses");
        Files.createDirectories(root.resolve("101")); // no stat at all
        Files.createDirectories(root.resolve("102/stat")); // stat is a directory: reading it fails
        try (ProcessTree tree = new ProcessTree(ProcessTree.Settings.defaults().withProcRoot(root))) {
            long t0 = System.nanoTime();
            for (int pid : new int[] {100, 101, 102, 103}) {
                Event e = tree.enrich(openBy(pid, 1, "x"));
                assertEquals("unknown", e.header().context().get(ContextKeys.PROC_STATUS), "pid " + pid);
                assertNull(e.header().context().get(ContextKeys.PROC_EXE));
            }
            // the same bad pid again costs no new read: the negative entry answers
            tree.enrich(openBy(100, 1, "x"));
            Map<String, Long> c = tree.counters();
            assertEquals(1L, c.get("failed_parse"), c.toString());
            assertEquals(2L, c.get("failed_proc_gone"), c.toString());
            assertEquals(1L, c.get("failed_io_error"), c.toString());
            assertEquals(4L, c.get("proc_reads"), c.toString());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "bounded");
        } finally {
            try (var s = Files.walk(root)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void missesBeyondTheBudgetAreMarkedUnknownAndResolvedByTheNextScan() throws Exception {
        started = new ProcessBuilder("sleep", "30").start();
        int pid = (int) started.pid();
        try (ProcessTree tree = new ProcessTree(ProcessTree.Settings.defaults().withMissBudget(0))) {
            Event e = tree.enrich(openBy(pid, ProcessHandle.current().pid(), "sleep"));
            assertEquals("unknown", e.header().context().get(ContextKeys.PROC_STATUS));
            assertEquals(1L, tree.counters().get("miss_budget_exhausted"));
            assertEquals(0L, tree.counters().get("proc_reads"));
            tree.scanOnce();
            Event later = tree.enrich(openBy(pid, ProcessHandle.current().pid(), "sleep"));
            assertEquals(real("sleep"), later.header().context().get(ContextKeys.PROC_EXE));
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(20);
        }
    }
}
