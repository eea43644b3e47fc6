package io.infrasight.ops.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight operations",
        description = "Who may read the status API and the Prometheus metrics over HTTP.")
public @interface OpsConfig {
    String PID = "io.infrasight.ops";

    @AttributeDefinition(name = "JAAS realm", description = "Karaf JAAS realm that checks HTTP Basic credentials.")
    String realm() default "karaf";

    @AttributeDefinition(name = "Required role",
            description = "Role (a Karaf RolePrincipal) a user needs to read status and metrics.")
    String role() default "admin";

    @AttributeDefinition(name = "Metrics need authentication",
            description = "When false, /infrasight/metrics answers without credentials (for scrapers on loopback).")
    boolean metrics_auth_required() default true;

    @AttributeDefinition(name = "Login cache (s)", min = "0", max = "3600",
            description = "How long a successful login is remembered, so that frequent scrapes stay cheap. 0 disables.")
    int auth_cache_seconds() default 30;
}
