package io.infrasight.k8s.controller.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.infrasight.k8s.controller.internal.crd.EbpfDaemonSet;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The running controller driven only by watch events, as in a cluster. */
class ControllerTest {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private MockCluster cluster;
    private Controller controller;

    @BeforeEach
    void start() throws Exception {
        cluster = new MockCluster();
        controller = new Controller(cluster.client, MockCluster.NS, new AgentDefaults("", "", ""), 600_000);
        controller.start();
    }

    @AfterEach
    void stop() {
        controller.stop();
        cluster.close();
    }

    private DaemonSet daemonSet() {
        return cluster.client.apps().daemonSets().inNamespace(MockCluster.NS)
                .withName(AgentResources.daemonSetName("nodes")).get();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + DEADLINE + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void watchEventsAloneCreateRepairAndRemoveTheAgents() throws Exception {
        cluster.create(MockCluster.resource("nodes", List.of("exec")));
        await("DaemonSet created", () -> daemonSet() != null);
        await("status written", () -> {
            EbpfDaemonSet cr = cluster.get("nodes");
            return cr.getStatus() != null && !cr.getStatus().getConditions().isEmpty();
        });

        cluster.client.apps().daemonSets().inNamespace(MockCluster.NS).withName(AgentResources.daemonSetName("nodes"))
                .edit(ds -> {
                    ds.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("evil/agent:latest");
                    return ds;
                });
        await("hand edit reverted", () -> "registry.test/infrasight/agent:1.2.3"
                .equals(daemonSet().getSpec().getTemplate().getSpec().getContainers().get(0).getImage()));

        cluster.client.apps().daemonSets().inNamespace(MockCluster.NS).withName(AgentResources.daemonSetName("nodes"))
                .delete();
        await("deleted DaemonSet recreated", () -> daemonSet() != null);

        cluster.client.resources(EbpfDaemonSet.class).inNamespace(MockCluster.NS).withName("nodes").delete();
        await("agents removed with the resource", () -> daemonSet() == null && cluster.client.configMaps()
                .inNamespace(MockCluster.NS).withName(AgentResources.configMapName("nodes")).get() == null);
        assertTrue(controller.counters().get("repaired") >= 1, controller.counters().toString());
        assertEquals(0L, controller.counters().get("failures"));
    }
}
