package io.infrasight.k8s.controller.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CrdTest {
    @Test
    void theCommittedCrdIsTheOneGeneratedFromTheJavaModel() throws Exception {
        Path committed = Manifests.K8S.resolve("crd/ebpfdaemonsets.infrasight.io-v1.yml");
        String generated = Files.readString(MockCluster.GENERATED_CRD);
        assertTrue(generated.contains("kind: \"EbpfDaemonSet\""));
        assertEquals(generated, Files.readString(committed),
                "k8s/crd is stale: copy " + MockCluster.GENERATED_CRD + " over it (the build generates it)");
    }
}
