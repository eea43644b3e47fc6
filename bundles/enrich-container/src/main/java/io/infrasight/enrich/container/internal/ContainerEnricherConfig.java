package io.infrasight.enrich.container.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "InfraSight container enricher",
        description = "Adds the container id and runtime (from the cgroup path) and, when a runtime socket answers, "
                + "the container's name, image and labels.")
public @interface ContainerEnricherConfig {
    String PID = "io.infrasight.enrich.container";

    @AttributeDefinition(name = "proc root", description = "The host's /proc (e.g. /host/proc in an agent container).")
    String proc_root() default "/proc";

    @AttributeDefinition(name = "cgroup v2 root",
            description = "Where the cgroup v2 hierarchy is mounted; empty finds it in /proc/self/mountinfo.")
    String cgroup_root() default "";

    @AttributeDefinition(name = "containerd namespaces",
            description = "Top-level cgroup directories that plain containerd (cgroupfs driver) uses: /<namespace>/<id>.")
    String[] containerd_namespaces() default {"default", "k8s.io"};

    @AttributeDefinition(name = "Cache capacity", min = "256", description = "Entries per cache (by cgroup id, by pid).")
    int cache_capacity() default 16384;

    @AttributeDefinition(name = "pid answer lifetime (ms)", min = "100",
            description = "How long a /proc/<pid>/cgroup answer is trusted (cgroup v1/hybrid hosts, events without id).")
    int pid_ttl_ms() default 30000;

    @AttributeDefinition(name = "Miss budget (/proc reads per second)", min = "0")
    int miss_budget_per_second() default 200;

    @AttributeDefinition(name = "Rescan spacing (ms)", min = "100",
            description = "An unknown cgroup id triggers a walk of the cgroup tree, at most this often.")
    int rescan_ms() default 1000;

    @AttributeDefinition(name = "Docker socket", description = "Empty disables docker lookups.")
    String docker_socket() default "/var/run/docker.sock";

    @AttributeDefinition(name = "Podman socket", description = "Empty disables podman lookups.")
    String podman_socket() default "/run/podman/podman.sock";

    @AttributeDefinition(name = "Socket timeout (ms)", min = "10",
            description = "Longest a runtime lookup may take (on the enricher's own thread; events never wait).")
    int socket_timeout_ms() default 500;
}
