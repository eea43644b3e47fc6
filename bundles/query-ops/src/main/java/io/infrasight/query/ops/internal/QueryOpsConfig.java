package io.infrasight.query.ops.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight query",
        description = "infrasight:query and the HTTP query endpoint: which store, and who may query it.")
public @interface QueryOpsConfig {
    String PID = "io.infrasight.query";

    @AttributeDefinition(name = "Store",
            description = "The store queried when the caller names none: clickhouse, embedded, or empty for whichever is present (ClickHouse first).")
    String store() default "";

    @AttributeDefinition(name = "JAAS realm", description = "Realm the HTTP endpoint checks Basic credentials against.")
    String realm() default "karaf";

    @AttributeDefinition(name = "Role", description = "Role a user needs to query over HTTP.")
    String role() default "admin";

    @AttributeDefinition(name = "Default row limit", min = "1",
            description = "Used when the caller gives none; each store also caps it with its own limit.")
    int max_rows() default 1000;

    @AttributeDefinition(name = "Default timeout (s)", min = "1")
    int timeout_s() default 30;
}
