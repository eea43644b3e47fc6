package io.infrasight.k8s.controller.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.infrasight.k8s.controller.internal.crd.EbpfDaemonSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftTest {
    private static DaemonSet desired(String memory) {
        EbpfDaemonSet cr = MockCluster.resource("nodes", List.of("exec"));
        cr.getMetadata().setUid("u");
        cr.getSpec().setResources(new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("0.5"))
                .addToLimits("memory", new Quantity(memory)).build());
        return AgentResources.daemonSet(cr, new AgentDefaults("", "", ""));
    }

    @Test
    void fieldsTheApiServerAddsAreNotDrift() {
        DaemonSet want = desired("1Gi");
        DaemonSet live = desired("1Gi");
        live.getSpec().getTemplate().getSpec().setDnsPolicy("ClusterFirst");
        live.getSpec().getTemplate().getSpec().getContainers().get(0).setTerminationMessagePath("/dev/termination-log");
        live.getMetadata().setResourceVersion("42");
        assertNull(Drift.firstDifference(want, live));
    }

    @Test
    void canonicalisedQuantitiesAreNotDriftButOtherAmountsAre() {
        DaemonSet want = desired("1024Mi");
        DaemonSet live = desired("1Gi");
        live.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getRequests()
                .put("cpu", new Quantity("500m"));
        assertNull(Drift.firstDifference(want, live));

        DaemonSet bigger = desired("2Gi");
        assertEquals("/spec/template/spec/containers/0/resources/limits/memory", Drift.firstDifference(want, bigger));
        assertFalse(Drift.sameQuantity("1.2.3", "1.2.3x"));
        assertTrue(Drift.sameQuantity(".5", "500m"));
    }

    @Test
    void anAddedMountOrAChangedCapabilityIsDrift() {
        DaemonSet want = desired("1Gi");
        DaemonSet live = desired("1Gi");
        live.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts()
                .add(new io.fabric8.kubernetes.api.model.VolumeMountBuilder().withName("root").withMountPath("/host")
                        .build());
        assertEquals("/spec/template/spec/containers/0/volumeMounts", Drift.firstDifference(want, live));

        DaemonSet caps = desired("1Gi");
        caps.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext().getCapabilities()
                .getAdd().set(0, "SYS_ADMIN");
        assertEquals("/spec/template/spec/containers/0/securityContext/capabilities/add/0",
                Drift.firstDifference(want, caps));
    }
}
