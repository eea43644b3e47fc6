package io.infrasight.k8s.controller.internal;

/**
 * What the controller's configuration adds to every EbpfDaemonSet.
 *
 * @param image          used when a spec names no image; empty means the spec must name one
 * @param kafka          used when a spec names no Kafka bootstrap servers; empty means the spec must
 * @param serviceAccount service account of the agent pods (k8s/agent-rbac.yaml creates it)
 */
public record AgentDefaults(String image, String kafka, String serviceAccount) {
    public AgentDefaults {
        image = image == null ? "" : image.trim();
        kafka = kafka == null ? "" : kafka.trim();
        serviceAccount = serviceAccount == null || serviceAccount.isBlank() ? "infrasight-agent" : serviceAccount.trim();
    }
}
