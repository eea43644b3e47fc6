package io.infrasight.enrich.container.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.infrasight.api.event.Context;
import io.infrasight.api.event.ContextKeys;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.OpenEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real processes in real cgroups, named the way docker, containerd, CRI-O, podman and kubelet name them. */
class ContainerResolverTest {
    static final String POD = "6d0b7a56-1c2e-4f4b-9a8e-0123456789ab";
    private Path unified;
    private String prefix;

    @BeforeEach
    void findCgroup2() {
        unified = CgroupIndex.mounts(Path.of("/proc/self/mountinfo")).unified();
        assumeTrue(unified != null && Files.isWritable(unified.resolve("cgroup.procs")), "needs root and cgroup v2");
        prefix = "isx-" + Long.toHexString(System.nanoTime());
    }

    static String newId() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static Event openBy(long pid, long cgroupId) {
        EventHeader h = new EventHeader(EventKind.OPEN, 1, 1, (int) pid, (int) pid, 1, 0, 0, 0, cgroupId, "sleep", 0, 0,
                "", Context.EMPTY);
        return new OpenEvent(h, "/x", 0, 0, "openat");
    }

    static void waitUntil(BooleanSupplier c, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(20);
        }
    }

    private void check(String relative, String runtime, String id, String podUid) throws Exception {
        try (CgroupFixture fx = new CgroupFixture()) {
            Process p = fx.run(unified, relative);
            long ino = CgroupFixture.inode(unified, relative);
            // by pid (/proc/<pid>/cgroup), as on a hybrid host or for an id not indexed yet
            try (ContainerResolver r = new ContainerResolver(ContainerResolver.Settings.defaults())) {
                Context c = r.enrich(openBy(p.pid(), ino)).header().context();
                assertEquals(runtime, c.get(ContextKeys.CONTAINER_RUNTIME), relative);
                assertEquals(id, c.get(ContextKeys.CONTAINER_ID), relative);
                assertEquals(podUid, c.get(ContextKeys.K8S_POD_UID), relative);
            }
            // by cgroup id alone, from the index of the cgroup v2 tree
            try (ContainerResolver r = new ContainerResolver(ContainerResolver.Settings.defaults())) {
                r.rescan();
                Context c = r.enrich(openBy(0, ino)).header().context();
                assertEquals(runtime, c.get(ContextKeys.CONTAINER_RUNTIME), relative + " by id");
                assertEquals(id, c.get(ContextKeys.CONTAINER_ID), relative + " by id");
                assertEquals(0L, r.counters().get("proc_reads"));
            }
        }
    }

    @Test
    void dockerSystemdScope() throws Exception {
        String id = newId();
        check(prefix + "/system.slice/docker-" + id + ".scope", "docker", id, null);
    }

    @Test
    void dockerCgroupfsDriver() throws Exception {
        String id = newId();
        check(prefix + "/docker/" + id, "docker", id, null);
    }

    @Test
    void containerdCriInAKubepodsSlice() throws Exception {
        String id = newId();
        check(prefix + "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" + POD.replace('-', '_')
                + ".slice/cri-containerd-" + id + ".scope", "containerd", id, POD);
    }

    @Test
    void plainContainerdNamespaceAndId() throws Exception {
        String id = prefix + "-redis";
        try (CgroupFixture fx = new CgroupFixture()) {
            Process p = fx.run(unified, "default/" + id);
            try (ContainerResolver r = new ContainerResolver(ContainerResolver.Settings.defaults())) {
                Context c = r.enrich(openBy(p.pid(), CgroupFixture.inode(unified, "default/" + id))).header().context();
                assertEquals("containerd", c.get(ContextKeys.CONTAINER_RUNTIME));
                assertEquals(id, c.get(ContextKeys.CONTAINER_ID));
            }
        }
    }

    @Test
    void crioInAKubepodsSlice() throws Exception {
        String id = newId();
        check(prefix + "/kubepods.slice/kubepods-pod" + POD.replace('-', '_') + ".slice/crio-" + id + ".scope", "cri-o",
                id, POD);
    }

    @Test
    void podmanScopeWithItsNestedContainerCgroup() throws Exception {
        String id = newId();
        check(prefix + "/machine.slice/libpod-" + id + ".scope/container", "podman", id, null);
    }

    @Test
    void kubeletCgroupfsDriver() throws Exception {
        String id = newId();
        check(prefix + "/kubepods/burstable/pod" + POD + "/" + id, "cri", id, POD);
    }

    @Test
    void hostProcessIsHost() throws Exception {
        try (CgroupFixture fx = new CgroupFixture()) {
            Process p = fx.run(unified, prefix + "/system.slice/sshd.service");
            try (ContainerResolver r = new ContainerResolver(ContainerResolver.Settings.defaults())) {
                Context c = r.enrich(openBy(p.pid(), CgroupFixture.inode(unified, prefix + "/system.slice/sshd.service")))
                        .header().context();
                // the random prefix is not a systemd unit, so this is "unknown"; the JVM itself is in "/"
                assertEquals("unknown", c.get(ContextKeys.CONTAINER_RUNTIME));
                Context self = r.enrich(openBy(ProcessHandle.current().pid(), 0)).header().context();
                assertEquals("host", self.get(ContextKeys.CONTAINER_RUNTIME));
                assertEquals("host", self.get(ContextKeys.CONTAINER_ID));
            }
        }
    }

    @Test
    void unknownShapeFlowsMarkedUnknownAndIsCounted() throws Exception {
        try (CgroupFixture fx = new CgroupFixture()) {
            Process p = fx.run(unified, prefix + "/odd/place");
            try (ContainerResolver r = new ContainerResolver(ContainerResolver.Settings.defaults())) {
                Context c = r.enrich(openBy(p.pid(), CgroupFixture.inode(unified, prefix + "/odd/place"))).header()
                        .context();
                assertEquals("unknown", c.get(ContextKeys.CONTAINER_RUNTIME));
                assertEquals("unknown", c.get(ContextKeys.CONTAINER_ID));
                assertEquals(1L, r.counters().get("failed_unknown_shape"));
            }
        }
    }

    @Test
    void cgroupV1HierarchyShowsTheDockerContainer() throws Exception {
        Path pids = Path.of("/sys/fs/cgroup/pids");
        assumeTrue(Files.isWritable(pids.resolve("cgroup.procs")), "needs a cgroup v1 pids hierarchy (hybrid host)");
        String id = newId();
        try (CgroupFixture fx = new CgroupFixture()) {
            Process p = fx.run(pids, prefix + "/docker/" + id);
            try (ContainerResolver r = new ContainerResolver(ContainerResolver.Settings.defaults())) {
                // the v2 id is the JVM's (root) cgroup: only the v1 line tells
                Context c = r.enrich(openBy(p.pid(), CgroupFixture.inode(unified, "/"))).header().context();
                assertEquals("docker", c.get(ContextKeys.CONTAINER_RUNTIME));
                assertEquals(id, c.get(ContextKeys.CONTAINER_ID));
            }
        }
    }

    @Test
    void newCgroupIdIsFoundByTheNextRescan() throws Exception {
        String id = newId();
        String rel = prefix + "/system.slice/docker-" + id + ".scope";
        try (ContainerResolver r = new ContainerResolver(ContainerResolver.Settings.defaults());
                CgroupFixture fx = new CgroupFixture()) {
            r.start();
            waitUntil(() -> r.counters().get("rescans") >= 1, "first index");
            fx.run(unified, rel);
            long ino = CgroupFixture.inode(unified, rel);
            Context first = r.enrich(openBy(0, ino)).header().context(); // not indexed yet, no pid: unknown
            assertEquals("unknown", first.get(ContextKeys.CONTAINER_RUNTIME));
            waitUntil(() -> "docker".equals(r.enrich(openBy(0, ino)).header().context()
                    .get(ContextKeys.CONTAINER_RUNTIME)), "rescan after the unknown id");
        }
    }

    @Test
    void unreadableProcEntriesFlowMarkedUnknownAndAreCounted() throws Exception {
        Path fake = Files.createTempDirectory("fakeproc");
        try {
            Files.createDirectories(fake.resolve("4242/cgroup")); // a directory where a file should be
            ContainerResolver.Settings d = ContainerResolver.Settings.defaults();
            ContainerResolver.Settings s = new ContainerResolver.Settings(fake, d.mountinfo(), d.cgroupRoot(),
                    d.containerdNamespaces(), d.cacheCapacity(), d.pidTtlMillis(), d.missBudgetPerSecond(),
                    d.rescanMillis(), d.maxCgroupDirs(), d.dockerSocket(), d.podmanSocket(), d.socketTimeoutMillis(),
                    d.lookupRetryMillis());
            try (ContainerResolver r = new ContainerResolver(s)) {
                assertEquals("unknown", r.enrich(openBy(4242, 0)).header().context().get(ContextKeys.CONTAINER_RUNTIME));
                assertEquals("unknown", r.enrich(openBy(4343, 0)).header().context().get(ContextKeys.CONTAINER_RUNTIME));
                assertEquals(1L, r.counters().get("failed_proc_unreadable"));
                assertEquals(1L, r.counters().get("failed_proc_gone"));
                // a burst from the same gone pid is answered from the negative entry, without reading again
                for (int i = 0; i < 100; i++) {
                    r.enrich(openBy(4343, 0));
                }
                assertEquals(2L, r.counters().get("proc_reads"));
            }
        } finally {
            Files.deleteIfExists(fake.resolve("4242/cgroup"));
            Files.deleteIfExists(fake.resolve("4242"));
            Files.deleteIfExists(fake);
        }
    }

    @Test
    void cachedContainerIsAHitWithoutReadingProcAgain() throws Exception {
        String id = newId();
        String rel = prefix + "/system.slice/docker-" + id + ".scope";
        try (CgroupFixture fx = new CgroupFixture();
                ContainerResolver r = new ContainerResolver(ContainerResolver.Settings.defaults())) {
            Process p = fx.run(unified, rel);
            long ino = CgroupFixture.inode(unified, rel);
            r.rescan();
            for (int i = 0; i < 1000; i++) {
                assertEquals(id, r.enrich(openBy(p.pid(), ino)).header().context().get(ContextKeys.CONTAINER_ID));
            }
            assertEquals(1000L, r.counters().get("hits"));
            assertEquals(0L, r.counters().get("proc_reads"));
            assertFalse(r.counters().get("id_cache_size") == 0);
            assertNotNull(r.unifiedRoot());
            assertTrue(r.counters().get("cgroup_index_size") > 0);
        }
    }
}
