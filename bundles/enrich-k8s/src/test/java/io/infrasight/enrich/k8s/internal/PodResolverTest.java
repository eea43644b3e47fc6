package io.infrasight.enrich.k8s.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.infrasight.api.event.Context;
import io.infrasight.api.event.ContextKeys;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.OpenEvent;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodResolverTest {
    static final String UID = "6d0b7a56-1c2e-4f4b-9a8e-0123456789ab";
    static final String CID = "3f4e2b9c1d0a8e7f6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a";
    static final String PODS = "{\"kind\":\"PodList\",\"items\":[{\"metadata\":{\"name\":\"web-0\",\"namespace\":\"shop\","
            + "\"uid\":\"" + UID + "\",\"labels\":{\"app\":\"web\",\"tier\":\"front\"}}},"
            + "{\"metadata\":{\"name\":\"db-0\",\"namespace\":\"shop\",\"uid\":\"other\"}}]}";

    private HttpServer server;
    private final AtomicReference<String> reply = new AtomicReference<>(PODS);
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private volatile long delayMs;

    static Event event(Context ctx) {
        EventHeader h = new EventHeader(EventKind.OPEN, 1, 1, 7, 7, 1, 0, 0, 0, 99, "nginx", 0, 0, "", ctx);
        return new OpenEvent(h, "/x", 0, 0, "openat");
    }

    private URI startApi() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/pods", ex -> {
            seen.add(ex.getRequestURI().getRawQuery() + " " + ex.getRequestHeaders().getFirst("Authorization"));
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = reply.get().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status.get(), body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "fake-apiserver");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void podFieldsComeFromTheRuntimeLabels() {
        try (PodResolver r = new PodResolver(null, 1000)) {
            Map<String, String> labels = Map.of("io.kubernetes.pod.name", "web-0", "io.kubernetes.pod.namespace", "shop",
                    "io.kubernetes.pod.uid", UID, "io.kubernetes.container.name", "nginx");
            Context ctx = Context.EMPTY.with(ContextKeys.CONTAINER_ID, CID).with(ContextKeys.CONTAINER_LABELS, labels);
            Context out = r.enrich(event(ctx)).header().context();
            assertEquals("web-0", out.get(ContextKeys.K8S_POD_NAME));
            assertEquals("shop", out.get(ContextKeys.K8S_NS_NAME));
            assertEquals(UID, out.get(ContextKeys.K8S_POD_UID));
            assertEquals("nginx", out.get(ContextKeys.K8S_CONTAINER_NAME));
            assertNull(out.get(ContextKeys.K8S_POD_LABELS));
            r.enrich(event(ctx));
            assertEquals(1L, r.counters().get("hits"));
        }
    }

    @Test
    void hostEventsPassUntouched() {
        try (PodResolver r = new PodResolver(null, 1000)) {
            Event e = event(Context.EMPTY.with(ContextKeys.CONTAINER_ID, "host"));
            assertSame(e, r.enrich(e));
            Event plain = event(Context.EMPTY.with(ContextKeys.CONTAINER_ID, CID)); // a docker container outside k8s
            assertSame(plain, r.enrich(plain));
            assertEquals(2L, r.counters().get("not_in_pod"));
        }
    }

    @Test
    void apiAddsNamesAndPodLabelsForAPodKnownOnlyByItsCgroupUid(@TempDir Path dir) throws Exception {
        URI api = startApi();
        Path token = dir.resolve("token");
        Files.writeString(token, "s3cret\n");
        try (PodResolver r = new PodResolver(new PodDirectory(api, "node-1", token, null, Duration.ofSeconds(5)), 1000)) {
            Context ctx = Context.EMPTY.with(ContextKeys.CONTAINER_ID, CID).with(ContextKeys.K8S_POD_UID, UID);
            Context before = r.enrich(event(ctx)).header().context();
            assertNull(before.get(ContextKeys.K8S_POD_NAME));
            r.refresh();
            Context out = r.enrich(event(ctx)).header().context();
            assertEquals("web-0", out.get(ContextKeys.K8S_POD_NAME));
            assertEquals("shop", out.get(ContextKeys.K8S_NS_NAME));
            assertEquals(Map.of("app", "web", "tier", "front"), out.get(ContextKeys.K8S_POD_LABELS));
            assertEquals("fieldSelector=spec.nodeName%3Dnode-1 Bearer s3cret", seen.get(0));
            assertEquals(2L, r.counters().get("pods_size"));
        }
    }

    @Test
    void apiFailuresAreCountedAndTheLastGoodListIsKept(@TempDir Path dir) throws Exception {
        URI api = startApi();
        try (PodResolver r = new PodResolver(new PodDirectory(api, "n", dir.resolve("none"), null,
                Duration.ofMillis(500)), 1000)) {
            r.refresh();
            reply.set("<html>not json</html>");
            r.refresh();
            status.set(401);
            r.refresh();
            status.set(200);
            reply.set(PODS);
            delayMs = 3000;
            long t0 = System.nanoTime();
            r.refresh();
            assertTrue(System.nanoTime() - t0 < 2_900_000_000L, "gave up at the timeout, not when the server answered");
            Map<String, Long> c = r.counters();
            assertEquals(1L, c.get("failed_api_garbage"), c.toString());
            assertEquals(1L, c.get("failed_api_unauthorized"), c.toString());
            assertEquals(1L, c.get("failed_api_timeout"), c.toString());
            assertEquals(2L, c.get("pods_size"), "kept from the first fetch");
            Context ctx = Context.EMPTY.with(ContextKeys.CONTAINER_ID, CID).with(ContextKeys.K8S_POD_UID, UID);
            assertEquals("web-0", r.enrich(event(ctx)).header().context().get(ContextKeys.K8S_POD_NAME));
        }
    }

    @Test
    void labelsArrivingLaterReplaceTheCachedValues() {
        try (PodResolver r = new PodResolver(null, 1000)) {
            Context first = Context.EMPTY.with(ContextKeys.CONTAINER_ID, CID).with(ContextKeys.K8S_POD_UID, UID);
            assertNull(r.enrich(event(first)).header().context().get(ContextKeys.K8S_POD_NAME));
            Context later = first.with(ContextKeys.CONTAINER_LABELS, Map.of("io.kubernetes.pod.name", "web-0"));
            assertEquals("web-0", r.enrich(event(later)).header().context().get(ContextKeys.K8S_POD_NAME));
        }
    }
}
