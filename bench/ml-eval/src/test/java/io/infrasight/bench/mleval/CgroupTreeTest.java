package io.infrasight.bench.mleval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's containers on the real cgroup v2 hierarchy (root): membership, ids, and the clean-up. */
class CgroupTreeTest {
    @TempDir
    Path logs;

    @Test
    void processStartedInAGroupIsInItAndClosingKillsItAndItsChildrenAndRemovesTheGroups() throws Exception {
        Process p;
        Path group;
        try (CgroupTree tree = new CgroupTree("test-" + ProcessHandle.current().pid());
                Workloads w = new Workloads(logs)) {
            group = tree.create("web/inject-0-x");
            // a parent that forks a child: both must go with the tree
            p = w.start(group, "sleeper", List.of("sh", "-c", "sleep 300 & exec sleep 301"));
            long deadline = System.currentTimeMillis() + 10_000;
            while (Files.readAllLines(group.resolve("cgroup.procs")).size() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            List<String> members = Files.readAllLines(group.resolve("cgroup.procs"));
            assertEquals(2, members.size(), "the process and its child are in the group: " + members);
            assertTrue(members.contains(Long.toString(p.pid())), "the started pid itself moved: " + members);
            assertTrue(CgroupTree.id(group) > 1, "a cgroup id");
            assertTrue(CgroupTree.populated(tree.root()), "the run's group counts its descendants' processes");
        }
        assertFalse(p.isAlive(), "the process was killed");
        assertFalse(Files.exists(group), "the group was removed");
        assertTrue(ProcessHandle.allProcesses().noneMatch(h -> h.info().commandLine().orElse("").contains("sleep 300")),
                "the child was killed too");
    }

    @Test
    void leftoversOfARunWhoseJvmIsGoneAreKilledAndRemovedByTheNextRun() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();   // stands for a JVM killed without a chance to clean up
        Path stale = CgroupTree.unified().resolve("infrasight-eval").resolve("run-" + gone.pid()).resolve("web");
        Files.createDirectories(stale);
        Process leftover;
        try (Workloads w = new Workloads(logs)) {
            leftover = w.start(stale, "leftover", List.of("sleep", "302"));
            long deadline = System.currentTimeMillis() + 10_000;
            while (Files.readAllLines(stale.resolve("cgroup.procs")).isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            try (CgroupTree tree = new CgroupTree("test-" + ProcessHandle.current().pid())) {
                assertFalse(Files.exists(stale.getParent()), "the stale run's groups were removed");
                assertTrue(leftover.waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "its process was killed");
                assertTrue(Files.exists(tree.root()), "this run's group exists");
            }
        }
    }
}
