package io.infrasight.k8s.controller.internal;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.infrasight.k8s.controller.internal.crd.EbpfDaemonSet;
import io.infrasight.k8s.controller.internal.crd.EbpfDaemonSetSpec;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;

/** A fabric8 mock API server in CRUD mode on 127.0.0.1 that knows the generated CRD. */
final class MockCluster implements AutoCloseable {
    static final String NS = "infrasight";
    static final Path GENERATED_CRD = Path.of("target/classes/META-INF/fabric8/ebpfdaemonsets.infrasight.io-v1.yml");

    final KubernetesMockServer server;
    final KubernetesClient client;

    MockCluster() throws Exception {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        // the HTTP client the bundle uses in production, not the test default
        client = server.createClient(new JdkHttpClientFactory());
        // The CRUD dispatcher learns scope and the status subresource from the CRD, as a real server does.
        try (var in = Files.newInputStream(GENERATED_CRD)) {
            CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
            client.resource(crd).create();
        }
    }

    static EbpfDaemonSet resource(String name, List<String> probes) {
        EbpfDaemonSetSpec spec = new EbpfDaemonSetSpec();
        spec.setImage("registry.test/infrasight/agent:1.2.3");
        spec.setKafkaBootstrapServers("kafka.infrasight.svc:9092");
        spec.setProbes(probes);
        EbpfDaemonSet cr = new EbpfDaemonSet();
        cr.getMetadata().setName(name);
        cr.getMetadata().setNamespace(NS);
        cr.setSpec(spec);
        return cr;
    }

    EbpfDaemonSet create(EbpfDaemonSet cr) {
        return client.resources(EbpfDaemonSet.class).inNamespace(NS).resource(cr).create();
    }

    EbpfDaemonSet get(String name) {
        return client.resources(EbpfDaemonSet.class).inNamespace(NS).withName(name).get();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
