package io.infrasight.k8s.controller.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.infrasight.k8s.controller.internal.crd.EbpfDaemonSetSpec;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {
    private static final AgentDefaults NONE = new AgentDefaults("", "", "");

    private static EbpfDaemonSetSpec valid() {
        EbpfDaemonSetSpec spec = new EbpfDaemonSetSpec();
        spec.setImage("infrasight:0.1.0");
        spec.setKafkaBootstrapServers("kafka-0.kafka:9092,[fd00::1]:9093");
        return spec;
    }

    private static List<String> fields(EbpfDaemonSetSpec spec) {
        return SpecValidator.validate(spec, NONE).stream().map(SpecValidator.Invalid::field)
                .collect(Collectors.toList());
    }

    @Test
    void allTenProbesAreAccepted() {
        EbpfDaemonSetSpec spec = valid();
        spec.setProbes(Probes.ALL);
        assertEquals(List.of(), fields(spec));
        assertEquals(10, Probes.ALL.size());
        assertTrue(Probes.ALL.containsAll(List.of("resource", "syscalls")), "the ML models need these two");
    }

    @Test
    void eachBadFieldIsNamed() {
        EbpfDaemonSetSpec spec = valid();
        spec.setImage("Not An Image");
        spec.setKafkaBootstrapServers("kafka");
        spec.setProbes(List.of("exec", "exec"));
        spec.setMetricsPort(70000);
        spec.setTolerations(List.of(new TolerationBuilder().withOperator("Maybe").withEffect("Never").build()));
        spec.setResources(new ResourceRequirementsBuilder().addToLimits("memory", new Quantity("lots")).build());

        assertEquals(List.of("spec.image", "spec.kafkaBootstrapServers", "spec.probes[1]", "spec.metricsPort",
                "spec.tolerations[0].operator", "spec.tolerations[0].effect", "spec.resources.limits.memory"),
                fields(spec));
    }

    @Test
    void aMissingImageIsAcceptedOnlyWithAControllerDefault() {
        EbpfDaemonSetSpec spec = valid();
        spec.setImage(null);
        assertEquals(List.of("spec.image"), fields(spec));
        assertEquals(List.of(), SpecValidator.validate(spec, new AgentDefaults("infrasight:1", "", "")).stream()
                .map(SpecValidator.Invalid::field).collect(Collectors.toList()));
    }

    @Test
    void imageReferencesWithRegistryPortTagAndDigestAreAccepted() {
        EbpfDaemonSetSpec spec = valid();
        spec.setImage("registry.local:5000/sec/infrasight:0.1.0@sha256:" + "a".repeat(64));
        assertEquals(List.of(), fields(spec));
    }
}
