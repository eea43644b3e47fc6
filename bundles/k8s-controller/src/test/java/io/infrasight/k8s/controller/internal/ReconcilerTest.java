package io.infrasight.k8s.controller.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.infrasight.k8s.controller.internal.crd.EbpfDaemonSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
    private MockCluster cluster;
    private Reconciler reconciler;

    @BeforeEach
    void start() throws Exception {
        cluster = new MockCluster();
        reconciler = new Reconciler(cluster.client, MockCluster.NS, new AgentDefaults("", "", ""));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private DaemonSet daemonSet(String owner) {
        return cluster.client.apps().daemonSets().inNamespace(MockCluster.NS)
                .withName(AgentResources.daemonSetName(owner)).get();
    }

    private ConfigMap configMap(String owner) {
        return cluster.client.configMaps().inNamespace(MockCluster.NS)
                .withName(AgentResources.configMapName(owner)).get();
    }

    private static Condition condition(EbpfDaemonSet cr, String type) {
        return cr.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst()
                .orElseThrow(() -> new AssertionError("no condition " + type + " in " + cr.getStatus().getConditions()));
    }

    @Test
    void creatingAResourceYieldsAnOwnedDaemonSetAndConfigMapWithTheAgentPodSpec() {
        EbpfDaemonSet cr = cluster.create(MockCluster.resource("nodes", List.of("exec", "open")));

        assertEquals(Reconciler.Outcome.CREATED, reconciler.reconcile("nodes"));

        DaemonSet ds = daemonSet("nodes");
        assertNotNull(ds, "DaemonSet created");
        OwnerReference ref = ds.getMetadata().getOwnerReferences().get(0);
        assertEquals("EbpfDaemonSet", ref.getKind());
        assertEquals("infrasight.io/v1alpha1", ref.getApiVersion());
        assertEquals(cr.getMetadata().getUid(), ref.getUid());
        assertTrue(ref.getController());
        PodSpec pod = ds.getSpec().getTemplate().getSpec();
        assertTrue(pod.getHostPID(), "hostPID: the probes report host PIDs and read the host's /proc");
        assertEquals("infrasight-agent", pod.getServiceAccountName());
        Container agent = pod.getContainers().get(0);
        assertEquals("registry.test/infrasight/agent:1.2.3", agent.getImage());
        assertFalse(agent.getSecurityContext().getPrivileged(), "not privileged unless the spec says so");
        assertEquals(List.of("BPF", "PERFMON", "SYS_RESOURCE", "SYS_PTRACE"),
                agent.getSecurityContext().getCapabilities().getAdd());
        assertEquals(List.of("ALL"), agent.getSecurityContext().getCapabilities().getDrop());
        Map<String, VolumeMount> mounts = agent.getVolumeMounts().stream()
                .collect(Collectors.toMap(VolumeMount::getMountPath, m -> m));
        for (String path : List.of("/sys/kernel/btf", "/sys/kernel/tracing", "/host/proc", "/host/etc/passwd",
                "/host/etc/group", "/host/run/containerd", "/host/run/crio", AgentResources.CONFIG_DIR)) {
            assertTrue(mounts.containsKey(path), "mount " + path);
            assertTrue(mounts.get(path).getReadOnly(), path + " read-only");
        }
        assertEquals(8181, agent.getPorts().get(0).getContainerPort());
        assertEquals(List.of("NODE_NAME", "POD_NAME", "POD_NAMESPACE", "POD_IP", "INFRASIGHT_ADMIN_PASSWORD"),
                agent.getEnv().stream().map(e -> e.getName()).collect(Collectors.toList()));

        ConfigMap cm = configMap("nodes");
        assertNotNull(cm, "ConfigMap created");
        assertEquals(cr.getMetadata().getUid(), cm.getMetadata().getOwnerReferences().get(0).getUid());
        assertTrue(cm.getData().get("io.infrasight.probe.exec.cfg").contains("enabled = true"));
        assertTrue(cm.getData().get("io.infrasight.probe.syscalls.cfg").contains("enabled = false"));
        assertTrue(cm.getData().get("io.infrasight.sink.kafka.cfg").contains("bootstrap.servers = kafka.infrasight.svc:9092"));

        EbpfDaemonSet after = cluster.get("nodes");
        assertEquals("True", condition(after, "Valid").getStatus());
        assertEquals("True", condition(after, "Applied").getStatus());
        assertEquals("False", condition(after, "Ready").getStatus(), "no node runs it yet");
        assertEquals(0, after.getStatus().getDesiredNodes());
        assertNull(after.getStatus().getLastError());
    }

    @Test
    void aSecondPassOverAnUnchangedResourceChangesNothing() {
        cluster.create(MockCluster.resource("nodes", null));
        reconciler.reconcile("nodes");
        String dsVersion = daemonSet("nodes").getMetadata().getResourceVersion();
        String crVersion = cluster.get("nodes").getMetadata().getResourceVersion();

        assertEquals(Reconciler.Outcome.UNCHANGED, reconciler.reconcile("nodes"));

        assertEquals(dsVersion, daemonSet("nodes").getMetadata().getResourceVersion());
        assertEquals(crVersion, cluster.get("nodes").getMetadata().getResourceVersion(), "no status rewrite");
    }

    @Test
    void changingTheProbeListUpdatesTheConfigMapAndRollsTheAgentPods() {
        cluster.create(MockCluster.resource("nodes", List.of("exec", "open")));
        reconciler.reconcile("nodes");
        String hashBefore = daemonSet("nodes").getSpec().getTemplate().getMetadata().getAnnotations()
                .get(AgentResources.CONFIG_HASH);

        cluster.client.resources(EbpfDaemonSet.class).inNamespace(MockCluster.NS).withName("nodes")
                .edit(cr -> {
                    cr.getSpec().setProbes(List.of("exec", "resource", "syscalls"));
                    return cr;
                });
        assertEquals(Reconciler.Outcome.REPAIRED, reconciler.reconcile("nodes"));

        Map<String, String> data = configMap("nodes").getData();
        assertTrue(data.get("io.infrasight.probe.resource.cfg").contains("enabled = true"));
        assertTrue(data.get("io.infrasight.probe.syscalls.cfg").contains("enabled = true"));
        assertTrue(data.get("io.infrasight.probe.open.cfg").contains("enabled = false"));
        String hashAfter = daemonSet("nodes").getSpec().getTemplate().getMetadata().getAnnotations()
                .get(AgentResources.CONFIG_HASH);
        assertNotEquals(hashBefore, hashAfter, "the pod template changes, so the DaemonSet rolls the pods");
    }

    @Test
    void aHandEditedDaemonSetIsReverted() {
        cluster.create(MockCluster.resource("nodes", null));
        reconciler.reconcile("nodes");

        cluster.client.apps().daemonSets().inNamespace(MockCluster.NS).withName(AgentResources.daemonSetName("nodes"))
                .edit(ds -> {
                    Container c = ds.getSpec().getTemplate().getSpec().getContainers().get(0);
                    c.setImage("evil/agent:latest");
                    c.getSecurityContext().setPrivileged(true);
                    ds.getSpec().getTemplate().getSpec().setHostNetwork(true); // not ours: may stay
                    return ds;
                });
        assertEquals(Reconciler.Outcome.REPAIRED, reconciler.reconcile("nodes"));

        Container c = daemonSet("nodes").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals("registry.test/infrasight/agent:1.2.3", c.getImage());
        assertFalse(c.getSecurityContext().getPrivileged());
        assertEquals(1L, reconciler.repaired.get());
    }

    @Test
    void aHandEditedConfigMapIsReverted() {
        cluster.create(MockCluster.resource("nodes", List.of("exec")));
        reconciler.reconcile("nodes");
        cluster.client.configMaps().inNamespace(MockCluster.NS).withName(AgentResources.configMapName("nodes"))
                .edit(cm -> {
                    cm.getData().put("io.infrasight.probe.exec.cfg", "enabled = false\n");
                    return cm;
                });

        assertEquals(Reconciler.Outcome.REPAIRED, reconciler.reconcile("nodes"));

        assertTrue(configMap("nodes").getData().get("io.infrasight.probe.exec.cfg").contains("enabled = true"));
    }

    @Test
    void deletingTheResourceRemovesItsDaemonSetAndConfigMap() {
        cluster.create(MockCluster.resource("nodes", null));
        cluster.create(MockCluster.resource("others", null));
        reconciler.reconcile("nodes");
        reconciler.reconcile("others");

        cluster.client.resources(EbpfDaemonSet.class).inNamespace(MockCluster.NS).withName("nodes").delete();
        assertEquals(Reconciler.Outcome.DELETED, reconciler.reconcile("nodes"));

        assertNull(daemonSet("nodes"));
        assertNull(configMap("nodes"));
        assertNotNull(daemonSet("others"), "another resource's agents stay");
        assertNotNull(configMap("others"));
    }

    @Test
    void anInvalidProbeIsRejectedWithAConditionNamingTheFieldAndNothingElseChanges() {
        cluster.create(MockCluster.resource("nodes", List.of("exec")));
        reconciler.reconcile("nodes");
        DaemonSet dsBefore = daemonSet("nodes");
        ConfigMap cmBefore = configMap("nodes");

        cluster.client.resources(EbpfDaemonSet.class).inNamespace(MockCluster.NS).withName("nodes")
                .edit(cr -> {
                    cr.getSpec().setProbes(List.of("exec", "kprobe"));
                    cr.getSpec().setImage("registry.test/infrasight/agent:2.0.0");
                    return cr;
                });
        assertEquals(Reconciler.Outcome.INVALID, reconciler.reconcile("nodes"));

        EbpfDaemonSet after = cluster.get("nodes");
        Condition valid = condition(after, "Valid");
        assertEquals("False", valid.getStatus());
        assertEquals("InvalidSpec", valid.getReason());
        assertTrue(valid.getMessage().contains("spec.probes[1]"), valid.getMessage());
        assertTrue(after.getStatus().getLastError().contains("spec.probes[1]"));
        assertEquals(dsBefore.getMetadata().getResourceVersion(), daemonSet("nodes").getMetadata().getResourceVersion(),
                "the valid image change in the same spec was not half-applied");
        assertEquals(cmBefore.getMetadata().getResourceVersion(), configMap("nodes").getMetadata().getResourceVersion());
        assertEquals("registry.test/infrasight/agent:1.2.3",
                daemonSet("nodes").getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    }

    @Test
    void aResourceWithoutImageIsRejectedAndNoAgentIsCreated() {
        EbpfDaemonSet cr = MockCluster.resource("nodes", null);
        cr.getSpec().setImage(null);
        cluster.create(cr);

        assertEquals(Reconciler.Outcome.INVALID, reconciler.reconcile("nodes"));

        assertNull(daemonSet("nodes"));
        assertNull(configMap("nodes"));
        assertTrue(condition(cluster.get("nodes"), "Valid").getMessage().contains("spec.image"));
    }

    @Test
    void theControllersDefaultImageAndKafkaFillAnEmptySpec() {
        EbpfDaemonSet cr = MockCluster.resource("nodes", null);
        cr.getSpec().setImage(null);
        cr.getSpec().setKafkaBootstrapServers(null);
        cluster.create(cr);
        Reconciler withDefaults = new Reconciler(cluster.client, MockCluster.NS,
                new AgentDefaults("registry.test/infrasight:9", "kafka:9092", "agents"));

        assertEquals(Reconciler.Outcome.CREATED, withDefaults.reconcile("nodes"));

        PodSpec pod = daemonSet("nodes").getSpec().getTemplate().getSpec();
        assertEquals("registry.test/infrasight:9", pod.getContainers().get(0).getImage());
        assertEquals("agents", pod.getServiceAccountName());
        assertTrue(configMap("nodes").getData().get("io.infrasight.sink.kafka.cfg").contains("kafka:9092"));
    }

    @Test
    void privilegedAndSysAdminAreGivenOnlyWhenTheSpecAsks() {
        EbpfDaemonSet legacy = MockCluster.resource("legacy", null);
        legacy.getSpec().setCapSysAdmin(true);
        EbpfDaemonSet full = MockCluster.resource("full", null);
        full.getSpec().setPrivileged(true);
        cluster.create(legacy);
        cluster.create(full);
        reconciler.reconcile("legacy");
        reconciler.reconcile("full");

        var legacyCtx = daemonSet("legacy").getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext();
        assertFalse(legacyCtx.getPrivileged());
        assertTrue(legacyCtx.getCapabilities().getAdd().contains("SYS_ADMIN"));
        var fullCtx = daemonSet("full").getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext();
        assertTrue(fullCtx.getPrivileged());
    }
}
