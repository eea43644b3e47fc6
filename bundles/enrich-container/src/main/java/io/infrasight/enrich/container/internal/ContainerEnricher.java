package io.infrasight.enrich.container.internal;

import io.infrasight.api.enrich.EnrichmentStatus;
import io.infrasight.api.event.Event;
import io.infrasight.api.spi.Enricher;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.api.status.ConfigValues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** Containers as an enricher (ranking 300, before the Kubernetes enricher that reads its labels). */
@Component(service = {Enricher.class, EnrichmentStatus.class}, configurationPid = ContainerEnricherConfig.PID,
        property = {"service.ranking:Integer=300"})
@Designate(ocd = ContainerEnricherConfig.class)
public final class ContainerEnricher implements Enricher, EnrichmentStatus {
    static final String ID = "container";

    private final ContainerResolver resolver;
    private final ConfigProblems problems;

    @Activate
    public ContainerEnricher(ContainerEnricherConfig c, @Reference ConfigProblems problems) {
        this.problems = problems;
        String pid = ContainerEnricherConfig.PID;
        List<ConfigProblem> found = new ArrayList<>();
        ContainerResolver.Settings d = ContainerResolver.Settings.defaults();
        String proc = ConfigValues.read(pid, "proc.root", c::proc_root, v -> Files.isDirectory(Path.of(v)),
                "must be an existing directory", "/proc", found);
        String cg = ConfigValues.read(pid, "cgroup.root", c::cgroup_root, v -> v.isBlank() || Files.isDirectory(Path.of(v)),
                "must be empty or an existing directory", "", found);
        int cap = ConfigValues.read(pid, "cache.capacity", c::cache_capacity, v -> v >= 256, "must be at least 256",
                d.cacheCapacity(), found);
        int ttl = ConfigValues.read(pid, "pid.ttl.ms", c::pid_ttl_ms, v -> v >= 100, "must be at least 100",
                (int) d.pidTtlMillis(), found);
        int budget = ConfigValues.read(pid, "miss.budget.per.second", c::miss_budget_per_second, v -> v >= 0,
                "must be >= 0", d.missBudgetPerSecond(), found);
        int rescan = ConfigValues.read(pid, "rescan.ms", c::rescan_ms, v -> v >= 100, "must be at least 100",
                (int) d.rescanMillis(), found);
        int timeout = ConfigValues.read(pid, "socket.timeout.ms", c::socket_timeout_ms, v -> v >= 10,
                "must be at least 10", (int) d.socketTimeoutMillis(), found);
        String[] ns = c.containerd_namespaces() == null ? new String[0] : c.containerd_namespaces();
        problems.report(pid + "#component", found);
        resolver = new ContainerResolver(new ContainerResolver.Settings(Path.of(proc), d.mountinfo(),
                cg.isBlank() ? null : Path.of(cg), Set.of(ns), cap, ttl, budget, rescan, d.maxCgroupDirs(),
                socket(c.docker_socket()), socket(c.podman_socket()), timeout, d.lookupRetryMillis()));
        resolver.start();
    }

    /** An empty path disables lookups for that runtime. */
    private static Path socket(String configured) {
        return configured == null || configured.isBlank() ? null : Path.of(configured);
    }

    @Deactivate
    void deactivate() {
        resolver.close();
        problems.report(ContainerEnricherConfig.PID + "#component", List.of());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Event enrich(Event event) {
        return resolver.enrich(event);
    }

    @Override
    public Map<String, Long> counters() {
        return resolver.counters();
    }
}
