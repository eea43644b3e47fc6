package io.infrasight.enrich.container.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.infrasight.api.event.Context;
import io.infrasight.api.event.ContextKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runtime sockets that answer, answer garbage, or hang: events flow either way; failures are counted. */
class RuntimeLookupTest {

    private ContainerResolver resolver(Path docker, long timeoutMs) {
        ContainerResolver.Settings d = ContainerResolver.Settings.defaults();
        return new ContainerResolver(new ContainerResolver.Settings(d.procRoot(), d.mountinfo(), d.cgroupRoot(),
                d.containerdNamespaces(), d.cacheCapacity(), d.pidTtlMillis(), d.missBudgetPerSecond(), d.rescanMillis(),
                d.maxCgroupDirs(), docker, null, timeoutMs, d.lookupRetryMillis()));
    }

    private static Path unified() {
        Path u = CgroupIndex.mounts(Path.of("/proc/self/mountinfo")).unified();
        assumeTrue(u != null && Files.isWritable(u.resolve("cgroup.procs")), "needs root and cgroup v2");
        return u;
    }

    @Test
    void nameImageAndLabelsComeFromTheDockerSocket(@TempDir Path dir) throws Exception {
        Path u = unified();
        String id = ContainerResolverTest.newId();
        String rel = "isx-" + Long.toHexString(System.nanoTime()) + "/system.slice/docker-" + id + ".scope";
        String json = "{\"Id\":\"" + id + "\",\"Name\":\"/web-7f9c\",\"Config\":{\"Image\":\"nginx:1.27\","
                + "\"Labels\":{\"io.kubernetes.pod.name\":\"web-0\",\"io.kubernetes.pod.namespace\":\"shop\","
                + "\"io.kubernetes.pod.uid\":\"" + ContainerResolverTest.POD + "\",\"io.kubernetes.container.name\":\"nginx\"}}}";
        try (FakeEngine engine = new FakeEngine(dir.resolve("docker.sock"), FakeEngine.ok(json));
                CgroupFixture fx = new CgroupFixture();
                ContainerResolver r = resolver(dir.resolve("docker.sock"), 2000)) {
            Process p = fx.run(u, rel);
            long ino = CgroupFixture.inode(u, rel);
            r.start();
            Context first = r.enrich(ContainerResolverTest.openBy(p.pid(), ino)).header().context();
            assertEquals(id, first.get(ContextKeys.CONTAINER_ID)); // right away, without waiting for the socket
            ContainerResolverTest.waitUntil(() -> "web-7f9c".equals(r.enrich(ContainerResolverTest.openBy(p.pid(), ino))
                    .header().context().get(ContextKeys.CONTAINER_NAME)), "details from the socket");
            Context c = r.enrich(ContainerResolverTest.openBy(p.pid(), ino)).header().context();
            assertEquals("nginx:1.27", c.get(ContextKeys.CONTAINER_IMAGE));
            assertEquals("shop", ((Map<?, ?>) c.get(ContextKeys.CONTAINER_LABELS)).get("io.kubernetes.pod.namespace"));
            assertEquals("/containers/" + id + "/json", engine.targets.get(0));
            assertEquals(1L, r.counters().get("runtime_lookups_ok"));
        }
    }

    @Test
    void garbageAnswerIsCountedAndTheEventStillFlows(@TempDir Path dir) throws Exception {
        try (FakeEngine engine = new FakeEngine(dir.resolve("docker.sock"), "\u0000\u0001 not http at all\r\n\r\n{{{")) {
            RuntimeClient.Details d = new RuntimeClient().inspect(dir.resolve("docker.sock"), "abc", 2000);
            assertEquals("socket_garbage", d.failure());
        }
        try (FakeEngine engine = new FakeEngine(dir.resolve("docker2.sock"), FakeEngine.ok("{\"Name\": [1, 2"))) {
            assertEquals("socket_garbage", new RuntimeClient().inspect(dir.resolve("docker2.sock"), "abc", 2000).failure());
        }
        try (FakeEngine engine = new FakeEngine(dir.resolve("docker3.sock"),
                "HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\n{}")) {
            assertEquals("not_found", new RuntimeClient().inspect(dir.resolve("docker3.sock"), "abc", 2000).failure());
        }
        Path u = unified();
        String id = ContainerResolverTest.newId();
        String rel = "isx-" + Long.toHexString(System.nanoTime()) + "/docker/" + id;
        try (FakeEngine engine = new FakeEngine(dir.resolve("g.sock"), "garbage\r\n\r\n");
                CgroupFixture fx = new CgroupFixture();
                ContainerResolver r = resolver(dir.resolve("g.sock"), 2000)) {
            Process p = fx.run(u, rel);
            r.start();
            Context c = r.enrich(ContainerResolverTest.openBy(p.pid(), CgroupFixture.inode(u, rel))).header().context();
            assertEquals("docker", c.get(ContextKeys.CONTAINER_RUNTIME));
            ContainerResolverTest.waitUntil(() -> r.counters().getOrDefault("failed_socket_garbage", 0L) == 1L,
                    "garbage counted");
            assertNull(r.enrich(ContainerResolverTest.openBy(p.pid(), CgroupFixture.inode(u, rel))).header().context()
                    .get(ContextKeys.CONTAINER_NAME));
        }
    }

    @Test
    void hangingSocketCostsAtMostTheTimeoutAndNeverTheEvent(@TempDir Path dir) throws Exception {
        try (FakeEngine engine = new FakeEngine(dir.resolve("hang.sock"), null)) {
            long t0 = System.nanoTime();
            RuntimeClient.Details d = new RuntimeClient().inspect(dir.resolve("hang.sock"), "abc", 300);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals("socket_timeout", d.failure());
            assertTrue(ms >= 300 && ms < 10_000, "gave up after the timeout, not before and not never: " + ms + " ms");
        }
        Path u = unified();
        String id = ContainerResolverTest.newId();
        String rel = "isx-" + Long.toHexString(System.nanoTime()) + "/docker/" + id;
        try (FakeEngine engine = new FakeEngine(dir.resolve("hang2.sock"), null);
                CgroupFixture fx = new CgroupFixture();
                ContainerResolver r = resolver(dir.resolve("hang2.sock"), 300)) {
            Process p = fx.run(u, rel);
            r.start();
            // the lookup thread is stuck on the socket; events keep flowing with id and runtime
            for (int i = 0; i < 100; i++) {
                Context c = r.enrich(ContainerResolverTest.openBy(p.pid(), CgroupFixture.inode(u, rel))).header()
                        .context();
                assertEquals(id, c.get(ContextKeys.CONTAINER_ID));
            }
            ContainerResolverTest.waitUntil(() -> r.counters().getOrDefault("failed_socket_timeout", 0L) == 1L,
                    "timeout counted");
        }
    }

    @Test
    void absentSocketIsNormal(@TempDir Path dir) {
        assertEquals("socket_absent", new RuntimeClient().inspect(dir.resolve("none.sock"), "abc", 100).failure());
    }

    @Test
    void chunkedAnswerIsDecoded() {
        String body = "{\"Name\":\"/db\",\"Config\":{\"Image\":\"postgres:16\",\"Labels\":{}}}";
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(10) + "\r\n"
                + body.substring(0, 10) + "\r\n" + Integer.toHexString(body.length() - 10) + "\r\n" + body.substring(10)
                + "\r\n0\r\n\r\n";
        RuntimeClient.Details d = RuntimeClient.parse(chunked.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("db", d.name());
        assertEquals("postgres:16", d.image());
    }
}
