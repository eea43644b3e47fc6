package io.infrasight.enrich.k8s.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight Kubernetes enricher",
        description = "Adds pod name, namespace, UID and labels from container labels and, optionally, the Kubernetes API.")
public @interface K8sEnricherConfig {
    String PID = "io.infrasight.enrich.k8s";

    @AttributeDefinition(name = "API server URL",
            description = "e.g. https://kubernetes.default.svc; empty uses container labels and cgroup paths only.")
    String api_url() default "";

    @AttributeDefinition(name = "Node name",
            description = "Whose pods to list; empty uses the NODE_NAME environment variable, then the host name.")
    String node_name() default "";

    @AttributeDefinition(name = "Token file")
    String token_path() default "/var/run/secrets/kubernetes.io/serviceaccount/token";

    @AttributeDefinition(name = "CA certificate file (PEM)")
    String ca_path() default "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt";

    @AttributeDefinition(name = "Refresh interval (ms)", min = "1000")
    int refresh_ms() default 30000;

    @AttributeDefinition(name = "API timeout (ms)", min = "100")
    int timeout_ms() default 5000;
}
