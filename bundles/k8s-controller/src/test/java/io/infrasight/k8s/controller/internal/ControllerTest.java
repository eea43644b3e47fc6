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
        controller.start();
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

    @Test
    void readyNodesAndTheReadyConditionFollowTheDaemonSetStatus() throws Exception {
        controller.start();
        cluster.create(MockCluster.resource("nodes", null));
        await("DaemonSet created", () -> daemonSet() != null);

        cluster.client.apps().daemonSets().inNamespace(MockCluster.NS).withName(AgentResources.daemonSetName("nodes"))
                .editStatus(ds -> {
                    ds.setStatus(new io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder()
                            .withDesiredNumberScheduled(3).withNumberReady(3).withCurrentNumberScheduled(3)
                            .withNumberMisscheduled(0).build());
                    return ds;
                });

        await("status shows 3 of 3 ready", () -> {
            EbpfDaemonSet cr = cluster.get("nodes");
            return cr.getStatus() != null && Integer.valueOf(3).equals(cr.getStatus().getReadyNodes())
                    && cr.getStatus().getConditions().stream()
                            .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
        });
        assertEquals(3, cluster.get("nodes").getStatus().getDesiredNodes());
    }

    @Test
    void agentsOfAResourceDeletedWhileTheControllerWasDownAreRemovedAtStart() throws Exception {
        cluster.create(MockCluster.resource("gone", null));
        new Reconciler(cluster.client, MockCluster.NS, new AgentDefaults("", "", "")).reconcile("gone");
        // deleted while no controller ran: the mock server, like a cluster without GC, keeps the objects
        cluster.client.resources(EbpfDaemonSet.class).inNamespace(MockCluster.NS).withName("gone").delete();
        assertTrue(cluster.client.apps().daemonSets().inNamespace(MockCluster.NS)
                .withName(AgentResources.daemonSetName("gone")).get() != null);

        controller.start();

        await("orphaned agents removed", () -> cluster.client.apps().daemonSets().inNamespace(MockCluster.NS)
                .withName(AgentResources.daemonSetName("gone")).get() == null
                && cluster.client.configMaps().inNamespace(MockCluster.NS)
                        .withName(AgentResources.configMapName("gone")).get() == null);
    }
}
