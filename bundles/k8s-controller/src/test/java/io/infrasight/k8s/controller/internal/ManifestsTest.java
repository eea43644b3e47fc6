package io.infrasight.k8s.controller.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.infrasight.k8s.controller.internal.crd.EbpfDaemonSet;
import io.infrasight.k8s.controller.internal.crd.EbpfDaemonSetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Everything in k8s/ parses into the fabric8 model and names what the agent and server really need. */
class ManifestsTest {
    private static final String NS = "infrasight";
    private static List<Manifests.Doc> docs;
    private static String version;

    @BeforeAll
    static void parse() throws IOException {
        docs = Manifests.parseAll();
        version = System.getProperty("project.version", "0.1.0-SNAPSHOT");
    }

    private static PodSpec pod(PodTemplateSpec t) {
        return t.getSpec();
    }

    private static Container container(PodSpec pod, String name) {
        return pod.getContainers().stream().filter(c -> name.equals(c.getName())).findFirst()
                .orElseThrow(() -> new AssertionError("no container " + name));
    }

    @Test
    void everyManifestParsesIntoTheTypedFabric8Model() throws IOException {
        assertTrue(docs.size() >= 15, "documents found: " + docs.size());
        for (Manifests.Doc d : docs) {
            HasMetadata o = d.object();
            if (o instanceof GenericKubernetesResource g) {
                // only our own custom resource may come back untyped; it must then read as the Java model
                assertEquals("EbpfDaemonSet", g.getKind(), d.file() + ": unknown kind " + g.getKind());
                EbpfDaemonSet cr = Serialization.unmarshal(Serialization.asJson(g), EbpfDaemonSet.class);
                assertEquals(List.of(), SpecValidator.validate(cr.getSpec(), new AgentDefaults("", "", "")),
                        d.file() + " is a valid spec");
            }
            assertNotNull(o.getMetadata().getName(), d.file() + ": every object has a name");
        }
    }

    @Test
    void namespacedObjectsLiveInTheShippedNamespace() {
        assertEquals(NS, Manifests.named(docs, Namespace.class, NS).getMetadata().getName());
        for (Manifests.Doc d : docs) {
            HasMetadata o = d.object();
            boolean clusterScoped = o instanceof Namespace || o instanceof ClusterRole
                    || o instanceof CustomResourceDefinition
                    || o instanceof io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
            if (!clusterScoped) {
                assertEquals(NS, o.getMetadata().getNamespace(), d.file() + " " + o.getKind() + " " + o.getMetadata().getName());
            }
        }
    }

    @Test
    void everyInfraSightContainerRunsTheProjectImageAndKafkaTheTestedVersion() throws IOException {
        List<PodSpec> pods = new ArrayList<>();
        Manifests.all(docs, Deployment.class).forEach(x -> pods.add(pod(x.getSpec().getTemplate())));
        Manifests.all(docs, DaemonSet.class).forEach(x -> pods.add(pod(x.getSpec().getTemplate())));
        Manifests.all(docs, StatefulSet.class).forEach(x -> pods.add(pod(x.getSpec().getTemplate())));
        String kafkaVersion = property(Files.readString(Manifests.ROOT.resolve("scripts/kafka/pom.xml")), "kafka.version");
        int checked = 0;
        for (PodSpec p : pods) {
            for (Container c : p.getContainers()) {
                String expected = c.getName().equals("kafka") ? "apache/kafka:" + kafkaVersion : "infrasight:" + version;
                assertEquals(expected, c.getImage(), "container " + c.getName());
                checked++;
            }
        }
        assertEquals(3, checked, "server, agent and kafka");
        String kustomization = Files.readString(Manifests.K8S.resolve("kustomization.yaml"));
        assertTrue(kustomization.contains("newTag: " + version), "kustomize sets the same tag");
        EbpfDaemonSet example = exampleResource();
        assertEquals("infrasight:" + version, example.getSpec().getImage());
    }

    @Test
    void theServerServiceReachesTheDistributionsHttpPort() throws IOException {
        Properties dist = Manifests.cfg(Files.readString(
                Manifests.ROOT.resolve("distribution/src/main/resources/assembly/etc/org.ops4j.pax.web.cfg")));
        int httpPort = Integer.parseInt(dist.getProperty("org.osgi.service.http.port"));
        assertEquals(8181, httpPort);

        Service svc = Manifests.named(docs, Service.class, "infrasight-server");
        Deployment server = Manifests.named(docs, Deployment.class, "infrasight-server");
        assertEquals(httpPort, svc.getSpec().getPorts().get(0).getPort());
        String target = svc.getSpec().getPorts().get(0).getTargetPort().getStrVal();
        ContainerPort port = container(pod(server.getSpec().getTemplate()), "server").getPorts().stream()
                .filter(p -> p.getName().equals(target)).findFirst().orElseThrow();
        assertEquals(httpPort, port.getContainerPort());
        assertEquals(server.getSpec().getTemplate().getMetadata().getLabels().get("app.kubernetes.io/name"),
                svc.getSpec().getSelector().get("app.kubernetes.io/name"));
        Properties web = Manifests.cfg(Manifests.named(docs, ConfigMap.class, "infrasight-server-config").getData()
                .get("org.ops4j.pax.web.cfg"));
        assertEquals(String.valueOf(httpPort), web.getProperty("org.osgi.service.http.port"));
        assertEquals(dist.stringPropertyNames(), web.stringPropertyNames(), "the whole pax-web file is replaced");
        assertEquals("${env:POD_IP}", web.getProperty("org.ops4j.pax.web.listening.addresses"));
    }

    @Test
    void theStaticAgentIsWhatTheControllerGeneratesForAllTenProbes() {
        DaemonSet staticAgent = Manifests.named(docs, DaemonSet.class, "infrasight-agent");
        ConfigMap staticConfig = Manifests.named(docs, ConfigMap.class, "infrasight-agent-config");
        EbpfDaemonSet cr = exampleResource();
        cr.getMetadata().setUid("test");
        cr.getSpec().setProbes(null); // all ten
        AgentDefaults defaults = new AgentDefaults("", "", "");
        DaemonSet generated = AgentResources.daemonSet(cr, defaults);

        assertEquals(AgentResources.configFiles(cr.getSpec(), defaults), staticConfig.getData());
        PodSpec s = pod(staticAgent.getSpec().getTemplate());
        PodSpec g = pod(generated.getSpec().getTemplate());
        assertTrue(s.getHostPID(), "hostPID");
        assertEquals(g.getServiceAccountName(), s.getServiceAccountName());
        Container sc = container(s, "agent");
        Container gc = container(g, "agent");
        assertEquals(gc.getSecurityContext(), sc.getSecurityContext());
        assertEquals(gc.getArgs(), sc.getArgs());
        assertEquals(gc.getEnv(), sc.getEnv());
        assertEquals(gc.getPorts(), sc.getPorts());
        assertEquals(gc.getVolumeMounts(), sc.getVolumeMounts());
        List<Volume> sv = new ArrayList<>(s.getVolumes());
        List<Volume> gv = new ArrayList<>(g.getVolumes());
        sv.removeIf(v -> v.getName().equals("config"));
        gv.removeIf(v -> v.getName().equals("config"));
        assertEquals(gv, sv);
        assertEquals("infrasight-agent-config", s.getVolumes().stream().filter(v -> v.getName().equals("config"))
                .findFirst().orElseThrow().getConfigMap().getName());
    }

    @Test
    void theAgentHasTheKernelAccessItNeedsAndNoMore() {
        DaemonSet agent = Manifests.named(docs, DaemonSet.class, "infrasight-agent");
        PodSpec p = pod(agent.getSpec().getTemplate());
        Container c = container(p, "agent");
        assertTrue(p.getHostPID());
        assertFalse(Boolean.TRUE.equals(p.getHostNetwork()), "no host network: events need none");
        assertFalse(c.getSecurityContext().getPrivileged(), "not privileged");
        assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(Set.of("BPF", "PERFMON", "SYS_RESOURCE", "SYS_PTRACE"),
                new HashSet<>(c.getSecurityContext().getCapabilities().getAdd()));
        assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
        Map<String, VolumeMount> mounts = c.getVolumeMounts().stream()
                .collect(Collectors.toMap(VolumeMount::getName, m -> m));
        Map<String, Volume> volumes = p.getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
        // what the code reads: BPF CO-RE (BTF), tracepoint attach (tracefs), the enrichers' configured paths
        Map<String, String> hostToContainer = Map.of("/sys/kernel/btf", "/sys/kernel/btf",
                "/sys/kernel/tracing", "/sys/kernel/tracing", "/proc", "/host/proc", "/etc/passwd", "/host/etc/passwd",
                "/etc/group", "/host/etc/group", "/run/containerd", "/host/run/containerd", "/run/crio", "/host/run/crio");
        Set<String> hostPaths = new HashSet<>();
        for (Volume v : volumes.values()) {
            if (v.getHostPath() != null) {
                hostPaths.add(v.getHostPath().getPath());
                VolumeMount m = mounts.get(v.getName());
                assertNotNull(m, "host path " + v.getHostPath().getPath() + " is mounted");
                assertTrue(m.getReadOnly(), v.getHostPath().getPath() + " is read-only");
                assertEquals(hostToContainer.get(v.getHostPath().getPath()), m.getMountPath());
            }
        }
        assertEquals(hostToContainer.keySet(), hostPaths, "exactly these host paths");
        Map<String, String> files = Manifests.named(docs, ConfigMap.class, "infrasight-agent-config").getData();
        assertTrue(files.get("io.infrasight.enrich.process.cfg").contains("proc.root = /host/proc"));
        assertTrue(files.get("io.infrasight.enrich.users.cfg").contains("passwd.path = /host/etc/passwd"));
        assertTrue(files.get("io.infrasight.enrich.users.cfg").contains("group.path = /host/etc/group"));
        assertTrue(files.get("io.infrasight.enrich.k8s.cfg").contains("api.url = https://kubernetes.default.svc"),
                "the pod enricher uses the API in a cluster");
        Set<String> downward = c.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getFieldRef() != null)
                .map(EnvVar::getName).collect(Collectors.toSet());
        assertEquals(Set.of("NODE_NAME", "POD_NAME", "POD_NAMESPACE", "POD_IP"), downward,
                "node name and pod identity from the downward API");
    }

    @Test
    void theServerNeedsNoKernelAccessAndRunsAsTheImageUser() {
        PodSpec p = pod(Manifests.named(docs, Deployment.class, "infrasight-server").getSpec().getTemplate());
        Container c = container(p, "server");
        assertFalse(Boolean.TRUE.equals(p.getHostPID()));
        assertTrue(p.getVolumes().stream().noneMatch(v -> v.getHostPath() != null), "no host paths");
        assertFalse(c.getSecurityContext().getPrivileged());
        assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop());
        assertTrue(c.getSecurityContext().getCapabilities().getAdd() == null
                || c.getSecurityContext().getCapabilities().getAdd().isEmpty());
        assertTrue(p.getSecurityContext().getRunAsNonRoot());
        assertEquals(10001L, p.getSecurityContext().getRunAsUser());
    }

    @Test
    void everyConfigFileNamesARealPidAndRealProperties() throws IOException {
        Map<String, List<String>> pids = Manifests.declaredPids();
        assertTrue(pids.containsKey("io.infrasight.sink.kafka"), "PIDs found in the sources: " + pids.keySet());
        assertTrue(pids.containsKey(K8sControllerConfig.PID));
        Properties dist = Manifests.cfg(Files.readString(
                Manifests.ROOT.resolve("distribution/src/main/resources/assembly/etc/org.ops4j.pax.web.cfg")));
        int files = 0;
        for (ConfigMap cm : Manifests.all(docs, ConfigMap.class)) {
            for (Map.Entry<String, String> e : cm.getData().entrySet()) {
                if (!e.getKey().endsWith(".cfg")) {
                    continue;
                }
                files++;
                String pid = e.getKey().substring(0, e.getKey().length() - 4);
                Set<String> keys = Manifests.cfg(e.getValue()).stringPropertyNames();
                List<String> allowed;
                if (pid.equals("org.ops4j.pax.web")) {
                    allowed = new ArrayList<>(dist.stringPropertyNames());
                } else if (pids.containsKey(pid)) {
                    allowed = pids.get(pid);
                } else if (Probes.ALL.stream().map(Probes::pid).anyMatch(pid::equals)) {
                    allowed = List.of("enabled"); // a probe whose bundle is still to come: only switched
                } else {
                    fail(cm.getMetadata().getName() + ": " + e.getKey() + " configures no known component");
                    return;
                }
                for (String k : keys) {
                    assertTrue(allowed.contains(k), cm.getMetadata().getName() + ": " + e.getKey() + " sets '" + k
                            + "', which " + pid + " does not have (" + allowed + ")");
                }
            }
        }
        assertEquals(19, files, "cfg files checked: 15 agent, 4 server");
    }

    @Test
    void theServerMountsItsConfigAndTheRulesWhereSentinelLooks() throws IOException {
        PodSpec p = pod(Manifests.named(docs, Deployment.class, "infrasight-server").getSpec().getTemplate());
        Container c = container(p, "server");
        Map<String, String> cfg = Manifests.named(docs, ConfigMap.class, "infrasight-server-config").getData();
        String rulesDir = Manifests.cfg(cfg.get("io.infrasight.sentinel.cfg")).getProperty("rules.directory");
        Map<String, String> mountByVolume = c.getVolumeMounts().stream()
                .collect(Collectors.toMap(VolumeMount::getName, VolumeMount::getMountPath));
        Map<String, String> configMapByVolume = p.getVolumes().stream().filter(v -> v.getConfigMap() != null)
                .collect(Collectors.toMap(Volume::getName, v -> v.getConfigMap().getName()));
        assertEquals("infrasight-server-config", configMapByVolume.get("config"));
        assertEquals(AgentResources.CONFIG_DIR, mountByVolume.get("config"), "where the entrypoint copies from");
        assertEquals("infrasight-rules", configMapByVolume.get("rules"));
        assertEquals(rulesDir, mountByVolume.get("rules"));
        Manifests.named(docs, ConfigMap.class, "infrasight-rules").getData().keySet()
                .forEach(k -> assertTrue(k.endsWith(".yaml"), "Sentinel loads *.yaml: " + k));
        Properties controller = Manifests.cfg(cfg.get(K8sControllerConfig.PID + ".cfg"));
        assertEquals("true", controller.getProperty("enabled"), "the controller is on in the cluster's server");
        assertEquals("infrasight-server", p.getServiceAccountName());
        String kafka = Manifests.cfg(cfg.get("io.infrasight.source.kafka.cfg")).getProperty("bootstrap.servers");
        Service kafkaSvc = Manifests.named(docs, Service.class, "kafka");
        assertEquals("kafka." + NS + ".svc:" + kafkaSvc.getSpec().getPorts().get(0).getPort(), kafka);
    }

    @Test
    void rbacGrantsTheControllerExactlyWhatItCallsAndTheAgentOnlyReads() {
        RoleBinding binding = Manifests.named(docs, RoleBinding.class, "infrasight-controller");
        assertEquals("infrasight-server", binding.getSubjects().get(0).getName());
        Role role = Manifests.named(docs, Role.class, binding.getRoleRef().getName());
        Map<String, Set<String>> granted = new java.util.HashMap<>();
        for (PolicyRule r : role.getRules()) {
            for (String res : r.getResources()) {
                granted.computeIfAbsent(res, k -> new HashSet<>()).addAll(r.getVerbs());
            }
        }
        assertEquals(Map.of(
                "ebpfdaemonsets", Set.of("get", "list", "watch"),
                "ebpfdaemonsets/status", Set.of("get", "update", "patch"),
                "ebpfdaemonsets/finalizers", Set.of("update"),
                "daemonsets", Set.of("get", "list", "watch", "create", "update", "patch", "delete"),
                "configmaps", Set.of("get", "list", "watch", "create", "update", "patch", "delete")), granted);
        for (ClusterRole cr : Manifests.all(docs, ClusterRole.class)) {
            for (PolicyRule r : cr.getRules()) {
                assertTrue(Set.of("get", "list", "watch").containsAll(r.getVerbs()), cr.getMetadata().getName()
                        + " grants only reads cluster-wide: " + r.getVerbs());
                assertFalse(r.getResources().contains("*") || r.getResources().contains("secrets"));
            }
        }
        Set<String> accounts = Manifests.all(docs, ServiceAccount.class).stream().map(a -> a.getMetadata().getName())
                .collect(Collectors.toSet());
        assertEquals(Set.of("infrasight-agent", "infrasight-server"), accounts);
        assertEquals(new AgentDefaults("", "", "").serviceAccount(), "infrasight-agent", "the controller's default");
    }

    @Test
    void theKustomizationListsFilesThatExist() throws IOException {
        String k = Files.readString(Manifests.K8S.resolve("kustomization.yaml"));
        Matcher m = Pattern.compile("(?m)^\\s+-\\s+(\\S+\\.ya?ml)\\s*$").matcher(k);
        int n = 0;
        while (m.find()) {
            assertTrue(Files.exists(Manifests.K8S.resolve(m.group(1))), m.group(1));
            n++;
        }
        assertEquals(7, n);
    }

    @Test
    void theContainerfileBuildsFromTheDistributionAndUsesTheEntrypoint() throws IOException {
        String cf = Files.readString(Manifests.K8S.resolve("Containerfile"));
        assertTrue(cf.contains("FROM debian:12-slim"));
        assertTrue(cf.contains("openjdk-17-jre-headless") && cf.contains("libbpf1"));
        assertTrue(cf.contains("distribution/target/infrasight-distribution-" + version + ".tar.gz"));
        assertTrue(cf.contains("COPY k8s/entrypoint.sh"));
        String distPom = Files.readString(Manifests.ROOT.resolve("distribution/pom.xml"));
        assertTrue(distPom.contains("<artifactId>infrasight-distribution</artifactId>"));
        assertTrue(Files.isExecutable(Manifests.K8S.resolve("entrypoint.sh")));
    }

    static EbpfDaemonSet exampleResource() {
        Manifests.Doc d = docs.stream().filter(x -> x.file().getFileName().toString().equals("ebpfdaemonset-example.yaml"))
                .findFirst().orElseThrow();
        return Serialization.unmarshal(Serialization.asJson(d.object()), EbpfDaemonSet.class);
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        if (!m.find()) {
            throw new AssertionError("no " + name);
        }
        return m.group(1);
    }
}
