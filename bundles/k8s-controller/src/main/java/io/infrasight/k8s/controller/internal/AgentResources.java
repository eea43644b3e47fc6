package io.infrasight.k8s.controller.internal;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.infrasight.k8s.controller.internal.crd.EbpfDaemonSet;
import io.infrasight.k8s.controller.internal.crd.EbpfDaemonSetSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The DaemonSet and ConfigMap an EbpfDaemonSet stands for. Pure functions of the resource and the
 * controller's defaults, so that the reconciler can compare what is with what should be.
 */
final class AgentResources {
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String MANAGER = "infrasight-k8s-controller";
    static final String INSTANCE = "app.kubernetes.io/instance";
    static final String NAME = "app.kubernetes.io/name";
    static final String AGENT = "infrasight-agent";
    static final String CONFIG_HASH = "infrasight.io/config-hash";
    static final int DEFAULT_PORT = 8181;
    /** Where the entrypoint (k8s/entrypoint.sh) copies *.cfg from into the distribution's etc/. */
    static final String CONFIG_DIR = "/etc/infrasight/config";
    static final String HOME = "/opt/infrasight";
    static final String ADMIN_SECRET = "infrasight-admin";

    /** Enough for eBPF on kernels >= 5.8; SYS_PTRACE lets the process enricher read other users' /proc/pid/exe. */
    static final List<String> CAPABILITIES = List.of("BPF", "PERFMON", "SYS_RESOURCE", "SYS_PTRACE");

    private AgentResources() {
    }

    static String daemonSetName(String owner) {
        return owner + "-agent";
    }

    static String configMapName(String owner) {
        return owner + "-agent-config";
    }

    static Map<String, String> selector(String owner) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, AGENT);
        labels.put(INSTANCE, owner);
        return labels;
    }

    static Map<String, String> labels(String owner) {
        Map<String, String> labels = selector(owner);
        labels.put(MANAGED_BY, MANAGER);
        return labels;
    }

    static OwnerReference ownerReference(EbpfDaemonSet owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    static List<String> probes(EbpfDaemonSetSpec spec) {
        List<String> p = spec.getProbes();
        return p == null || p.isEmpty() ? Probes.ALL : p;
    }

    static int port(EbpfDaemonSetSpec spec) {
        return spec.getMetricsPort() == null ? DEFAULT_PORT : spec.getMetricsPort();
    }

    static String image(EbpfDaemonSetSpec spec, AgentDefaults defaults) {
        return spec.getImage() == null || spec.getImage().isBlank() ? defaults.image() : spec.getImage();
    }

    static String kafka(EbpfDaemonSetSpec spec, AgentDefaults defaults) {
        String k = spec.getKafkaBootstrapServers();
        return k == null || k.isBlank() ? defaults.kafka() : k;
    }

    /** The agent's etc/*.cfg files; ${env:...} is resolved by Karaf from the pod's downward API variables. */
    static Map<String, String> configFiles(EbpfDaemonSetSpec spec, AgentDefaults defaults) {
        Map<String, String> files = new TreeMap<>();
        List<String> on = probes(spec);
        for (String probe : Probes.ALL) {
            files.put(Probes.pid(probe) + ".cfg", "enabled = " + on.contains(probe) + "\n");
        }
        files.put("io.infrasight.sink.kafka.cfg", "bootstrap.servers = " + kafka(spec, defaults) + "\n"
                + "node = ${env:NODE_NAME}\n");
        files.put("io.infrasight.enrich.process.cfg", "proc.root = /host/proc\n");
        // pods of this node (NODE_NAME) from the API, with the agent's service account (pods: get/list/watch)
        files.put("io.infrasight.enrich.k8s.cfg", "api.url = https://kubernetes.default.svc\n");
        files.put("io.infrasight.enrich.users.cfg", "passwd.path = /host/etc/passwd\ngroup.path = /host/etc/group\n");
        // The whole pax-web file replaces the distribution's: listen on the pod IP, not loopback, so that
        // Prometheus and the readiness probe reach it; nothing else in the pod network namespace listens.
        files.put("org.ops4j.pax.web.cfg", "org.osgi.service.http.port = " + port(spec) + "\n"
                + "org.ops4j.pax.web.listening.addresses = ${env:POD_IP}\n"
                + "org.osgi.service.http.enabled = true\n"
                + "org.osgi.service.http.secure.enabled = false\n"
                + "org.ops4j.pax.web.config.file = ${karaf.etc}/jetty.xml\n"
                + "javax.servlet.context.tempdir = ${karaf.data}/pax-web/tmp\n");
        return files;
    }

    static ConfigMap configMap(EbpfDaemonSet owner, AgentDefaults defaults) {
        String name = owner.getMetadata().getName();
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(configMapName(name))
                .withNamespace(owner.getMetadata().getNamespace())
                .withLabels(labels(name))
                .withOwnerReferences(ownerReference(owner))
                .endMetadata()
                .withData(configFiles(owner.getSpec(), defaults))
                .build();
    }

    static DaemonSet daemonSet(EbpfDaemonSet owner, AgentDefaults defaults) {
        String name = owner.getMetadata().getName();
        EbpfDaemonSetSpec spec = owner.getSpec();
        int port = port(spec);
        boolean privileged = Boolean.TRUE.equals(spec.getPrivileged());
        return new DaemonSetBuilder()
                .withNewMetadata()
                .withName(daemonSetName(name))
                .withNamespace(owner.getMetadata().getNamespace())
                .withLabels(labels(name))
                .withOwnerReferences(ownerReference(owner))
                .endMetadata()
                .withNewSpec()
                .withNewSelector().withMatchLabels(selector(name)).endSelector()
                .withNewUpdateStrategy().withType("RollingUpdate")
                .withNewRollingUpdate().withNewMaxUnavailable(1).endRollingUpdate().endUpdateStrategy()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(labels(name))
                // a ConfigMap change alone does not restart pods; a changed hash in the template does
                .withAnnotations(Map.of(CONFIG_HASH, hash(configFiles(spec, defaults))))
                .endMetadata()
                .withNewSpec()
                .withServiceAccountName(defaults.serviceAccount())
                .withHostPID(true)
                .withNodeSelector(spec.getNodeSelector())
                .withTolerations(spec.getTolerations())
                .withTerminationGracePeriodSeconds(30L)
                .addNewContainer()
                .withName("agent")
                .withImage(image(spec, defaults))
                .withArgs("agent")
                .withEnv(env())
                .addNewPort().withName("http").withContainerPort(port).withProtocol("TCP").endPort()
                .withNewReadinessProbe().withNewTcpSocket().withNewPort("http").endTcpSocket()
                .withInitialDelaySeconds(10).withPeriodSeconds(10).endReadinessProbe()
                .withResources(spec.getResources() == null ? new ResourceRequirements() : spec.getResources())
                .withSecurityContext(securityContext(privileged, Boolean.TRUE.equals(spec.getCapSysAdmin())))
                .withVolumeMounts(mounts())
                .endContainer()
                .withVolumes(volumes(configMapName(name)))
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    static SecurityContext securityContext(boolean privileged, boolean sysAdmin) {
        if (privileged) {
            return new SecurityContextBuilder().withPrivileged(true).withRunAsUser(0L).build();
        }
        List<String> add = new ArrayList<>(CAPABILITIES);
        if (sysAdmin) {
            add.add("SYS_ADMIN");
        }
        return new SecurityContextBuilder()
                .withPrivileged(false)
                .withAllowPrivilegeEscalation(false)
                // capabilities are only effective for uid 0: Kubernetes cannot grant ambient capabilities
                .withRunAsUser(0L)
                .withNewCapabilities().withAdd(add).withDrop("ALL").endCapabilities()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    private static List<EnvVar> env() {
        return List.of(
                field("NODE_NAME", "spec.nodeName"),
                field("POD_NAME", "metadata.name"),
                field("POD_NAMESPACE", "metadata.namespace"),
                field("POD_IP", "status.podIP"),
                // optional: without it the first start generates a password and prints it to the pod log
                new EnvVarBuilder().withName("INFRASIGHT_ADMIN_PASSWORD").withNewValueFrom().withNewSecretKeyRef()
                        .withName(ADMIN_SECRET).withKey("password").withOptional(true).endSecretKeyRef()
                        .endValueFrom().build());
    }

    private static EnvVar field(String name, String path) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewFieldRef().withFieldPath(path)
                .endFieldRef().endValueFrom().build();
    }

    /** Host paths the agent reads, all read-only: name, host path, container path, hostPath type. */
    static final List<String[]> HOST_MOUNTS = List.of(
            new String[] {"btf", "/sys/kernel/btf", "/sys/kernel/btf", "Directory"},
            new String[] {"tracefs", "/sys/kernel/tracing", "/sys/kernel/tracing", "Directory"},
            new String[] {"host-proc", "/proc", "/host/proc", "Directory"},
            new String[] {"host-passwd", "/etc/passwd", "/host/etc/passwd", "File"},
            new String[] {"host-group", "/etc/group", "/host/etc/group", "File"},
            new String[] {"containerd", "/run/containerd", "/host/run/containerd", "DirectoryOrCreate"},
            new String[] {"crio", "/run/crio", "/host/run/crio", "DirectoryOrCreate"});

    private static List<VolumeMount> mounts() {
        List<VolumeMount> out = new ArrayList<>();
        for (String[] m : HOST_MOUNTS) {
            out.add(new VolumeMountBuilder().withName(m[0]).withMountPath(m[2]).withReadOnly(true).build());
        }
        out.add(new VolumeMountBuilder().withName("config").withMountPath(CONFIG_DIR).withReadOnly(true).build());
        out.add(new VolumeMountBuilder().withName("data").withMountPath(HOME + "/data").build());
        return out;
    }

    private static List<Volume> volumes(String configMap) {
        List<Volume> out = new ArrayList<>();
        for (String[] m : HOST_MOUNTS) {
            out.add(new VolumeBuilder().withName(m[0]).withNewHostPath().withPath(m[1]).withType(m[3])
                    .endHostPath().build());
        }
        out.add(new VolumeBuilder().withName("config").withNewConfigMap().withName(configMap).endConfigMap().build());
        out.add(new VolumeBuilder().withName("data").withNewEmptyDir().endEmptyDir().build());
        return out;
    }

    static String hash(Map<String, String> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(files).forEach((k, v) -> {
                sha.update(k.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(v.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
