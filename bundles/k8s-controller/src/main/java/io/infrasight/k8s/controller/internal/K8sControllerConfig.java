package io.infrasight.k8s.controller.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight Kubernetes controller",
        description = "Reconciles EbpfDaemonSet resources (infrasight.io/v1alpha1) into agent DaemonSets and "
                + "ConfigMaps. Server role only; off unless enabled.")
public @interface K8sControllerConfig {
    String PID = "io.infrasight.k8s.controller";

    @AttributeDefinition(name = "Enabled", description = "Watch and reconcile. Off by default: outside a cluster "
            + "there is nothing to control.")
    boolean enabled() default false;

    @AttributeDefinition(name = "Namespace", description = "Namespace whose EbpfDaemonSets are reconciled (the "
            + "DaemonSets go there too). Empty: the pod's own namespace (service account), else 'default'.")
    String namespace() default "";

    @AttributeDefinition(name = "API server URL", description = "Empty: in-cluster configuration (service "
            + "account token), else ~/.kube/config.")
    String api_url() default "";

    @AttributeDefinition(name = "Default image", description = "Agent image for specs that name none. Empty: "
            + "spec.image is required.")
    String default_image() default "";

    @AttributeDefinition(name = "Default Kafka", description = "Bootstrap servers for specs that name none. "
            + "Empty: spec.kafkaBootstrapServers is required.")
    String default_kafka() default "";

    @AttributeDefinition(name = "Agent service account", description = "Service account of the agent pods.")
    String agent_service_account() default "infrasight-agent";

    @AttributeDefinition(name = "Resync (s)", min = "10", description = "Every resource is reconciled again at "
            + "this interval even without events, as a safety net for missed watch events.")
    int resync_seconds() default 300;
}
