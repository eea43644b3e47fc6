package io.infrasight.k8s.controller.internal.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/**
 * The desired agent. Values are checked by the controller (SpecValidator), not by the schema alone, so
 * that a bad value becomes a status condition naming the field instead of a resource nobody can read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EbpfDaemonSetSpec {
    @JsonPropertyDescription("Agent image (the distribution built with k8s/Containerfile). Required unless the "
            + "controller's default.image is set.")
    private String image;

    @JsonPropertyDescription("Nodes that run the agent (as in a pod's nodeSelector).")
    private Map<String, String> nodeSelector;

    @JsonPropertyDescription("Tolerations of the agent pods, e.g. to run on control-plane nodes.")
    private List<Toleration> tolerations;

    @JsonPropertyDescription("CPU and memory requests and limits of the agent container.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("Run the agent privileged. Default false: CAP_BPF, CAP_PERFMON, CAP_SYS_RESOURCE and "
            + "CAP_SYS_PTRACE are enough on kernels 5.8 and later.")
    private Boolean privileged;

    @JsonPropertyDescription("Add CAP_SYS_ADMIN to an unprivileged agent: needed on kernels older than 5.8 "
            + "(no CAP_BPF/CAP_PERFMON) and where the agent must mount tracefs itself.")
    private Boolean capSysAdmin;

    @JsonPropertyDescription("Probes to run, any of: exec, open, chmod, connect, accept, ptrace, mmap, mount, "
            + "resource, syscalls. Empty or absent: all of them.")
    private List<String> probes;

    @JsonPropertyDescription("Kafka bootstrap servers (host:port[,host:port]) the agents send events to; the "
            + "server reads them from there. Required unless the controller's default.kafka is set.")
    private String kafkaBootstrapServers;

    @JsonPropertyDescription("Port of the agent's HTTP endpoint (status API and Prometheus /infrasight/metrics) "
            + "on the pod IP. Default 8181.")
    private Integer metricsPort;

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public Boolean getPrivileged() {
        return privileged;
    }

    public void setPrivileged(Boolean privileged) {
        this.privileged = privileged;
    }

    public Boolean getCapSysAdmin() {
        return capSysAdmin;
    }

    public void setCapSysAdmin(Boolean capSysAdmin) {
        this.capSysAdmin = capSysAdmin;
    }

    public List<String> getProbes() {
        return probes;
    }

    public void setProbes(List<String> probes) {
        this.probes = probes;
    }

    public String getKafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public void setKafkaBootstrapServers(String kafkaBootstrapServers) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
    }

    public Integer getMetricsPort() {
        return metricsPort;
    }

    public void setMetricsPort(Integer metricsPort) {
        this.metricsPort = metricsPort;
    }
}
