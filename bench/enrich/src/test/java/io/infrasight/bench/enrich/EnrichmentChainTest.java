package io.infrasight.bench.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.Context;
import io.infrasight.api.event.ContextKeys;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.OpenEvent;
import io.infrasight.api.json.EventJson;
import io.infrasight.api.spi.Enricher;
import io.infrasight.api.spi.EventSubscriber;
import io.infrasight.core.internal.Bus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The five enrichers on the real bus, in ranking order, on an event from a real process in a real pod cgroup. */
class EnrichmentChainTest {

    @Test
    @SuppressWarnings("unchecked")
    void eventFromAPodContainerCarriesProcessUserContainerPodAndReadableFields() throws Exception {
        Bus bus = new Bus(1024, 100_000);
        try (EnrichmentWorld world = new EnrichmentWorld()) {
            List<Enricher> chain = world.chain();
            int[] rankings = {500, 400, 300, 200, 100};
            for (int i = 0; i < chain.size(); i++) {
                bus.addEnricher(chain.get(chain.size() - 1 - i), rankings[chain.size() - 1 - i], i + 1, null);
            }
            List<Event> got = new CopyOnWriteArrayList<>();
            bus.addSubscriber(new EventSubscriber() {
                @Override
                public String id() {
                    return "test";
                }

                @Override
                public void onEvents(List<Event> events) {
                    got.addAll(events);
                }
            }, null, null);
            long pid = world.criProcess.pid();
            long ino = ((Number) Files.getAttribute(EnrichmentWorld.unified().resolve(
                    Files.readAllLines(Path.of("/proc/" + pid + "/cgroup")).stream().filter(l -> l.startsWith("0::"))
                            .findFirst().orElseThrow().substring(4)), "unix:ino")).longValue();
            EventHeader h = new EventHeader(EventKind.OPEN, 0, System.nanoTime(), (int) pid, (int) pid,
                    (int) ProcessHandle.current().pid(), 0, 0, 0, ino, "sleep", -13, 2_500_000, "node-1", Context.EMPTY);
            bus.publisher("test").publish(new OpenEvent(h, "/etc/shadow", 0, 0, "openat"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (got.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, got.size());
            Event e = got.get(0);
            Context c = e.header().context();
            assertTrue(((String) c.get(ContextKeys.PROC_EXE)).endsWith("/sleep"), c.toString());
            assertEquals("sleep 3600", c.get(ContextKeys.PROC_CMDLINE));
            assertEquals((int) ProcessHandle.current().pid(),
                    ((List<Map<String, Object>>) c.get(ContextKeys.PROC_ANCESTORS)).get(0).get("pid"));
            assertEquals("root", c.get(ContextKeys.USER_NAME));
            assertEquals("root", c.get(ContextKeys.GROUP_NAME));
            assertEquals(world.criId, c.get(ContextKeys.CONTAINER_ID));
            assertEquals("containerd", c.get(ContextKeys.CONTAINER_RUNTIME));
            assertEquals(EnrichmentWorld.POD_UID, c.get(ContextKeys.K8S_POD_UID));
            assertEquals("web-0", c.get(ContextKeys.K8S_POD_NAME));
            assertEquals("shop", c.get(ContextKeys.K8S_NS_NAME));
            assertEquals(Map.of("app", "web"), c.get(ContextKeys.K8S_POD_LABELS));
            assertEquals("EACCES", c.get(ContextKeys.EVT_ERRNO_NAME));
            assertEquals("O_RDONLY", c.get(ContextKeys.OPEN_FLAGS_NAMES));
            assertEquals(2.5, c.get(ContextKeys.EVT_LATENCY_MS));
            assertTrue(e.header().timeNanos() > 1_700_000_000_000_000_000L, "wall-clock time filled");
            String json = new EventJson().toJson(e);
            assertTrue(json.contains("\"k8s.pod.name\":\"web-0\""), json);
            System.out.println(json);
            assertEquals(0L, bus.status().enrichers().stream().mapToLong(s -> s.errors()).sum());
        } finally {
            bus.close();
        }
    }
}
