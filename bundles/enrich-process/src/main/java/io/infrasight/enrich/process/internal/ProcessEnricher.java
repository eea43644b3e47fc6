package io.infrasight.enrich.process.internal;

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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The process tree as an enricher. Ranked first (500) so that later enrichers and every
 * subscriber see proc.* keys; activation only starts the scan thread, which seeds the tree.
 */
@Component(service = {Enricher.class, EnrichmentStatus.class}, configurationPid = ProcessEnricherConfig.PID,
        property = {"service.ranking:Integer=500"})
@Designate(ocd = ProcessEnricherConfig.class)
public final class ProcessEnricher implements Enricher, EnrichmentStatus {
    static final String ID = "process";

    private final ProcessTree tree;
    private final ConfigProblems problems;

    @Activate
    public ProcessEnricher(ProcessEnricherConfig config, @Reference ConfigProblems problems) {
        this.problems = problems;
        this.tree = new ProcessTree(settings(config, problems));
        tree.start();
    }

    static ProcessTree.Settings settings(ProcessEnricherConfig c, ConfigProblems problems) {
        String pid = ProcessEnricherConfig.PID;
        List<ConfigProblem> found = new ArrayList<>();
        ProcessTree.Settings d = ProcessTree.Settings.defaults();
        int depth = ConfigValues.read(pid, "ancestry.depth", c::ancestry_depth, v -> v >= 0 && v <= 64,
                "must be 0..64", d.ancestryDepth(), found);
        int capacity = ConfigValues.read(pid, "cache.capacity", c::cache_capacity, v -> v >= 1024,
                "must be at least 1024", d.capacity(), found);
        int linger = ConfigValues.read(pid, "linger.ms", c::linger_ms, v -> v >= 0, "must be >= 0",
                (int) d.lingerMillis(), found);
        int scan = ConfigValues.read(pid, "scan.interval.ms", c::scan_interval_ms, v -> v >= 100,
                "must be at least 100", (int) d.scanMillis(), found);
        int budget = ConfigValues.read(pid, "miss.budget.per.second", c::miss_budget_per_second, v -> v >= 0,
                "must be >= 0", d.missBudgetPerSecond(), found);
        String root = ConfigValues.read(pid, "proc.root", c::proc_root, v -> Files.isDirectory(Path.of(v)),
                "must be an existing directory", "/proc", found);
        int cmdMax = ConfigValues.read(pid, "cmdline.max.bytes", c::cmdline_max_bytes, v -> v >= 64,
                "must be at least 64", d.cmdlineMax(), found);
        problems.report(pid + "#component", found);
        return new ProcessTree.Settings(Path.of(root), capacity, depth, linger, scan, budget, cmdMax,
                d.negativeTtlMillis());
    }

    @Deactivate
    void deactivate() {
        tree.close();
        problems.report(ProcessEnricherConfig.PID + "#component", List.of());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Event enrich(Event event) {
        return tree.enrich(event);
    }

    @Override
    public Map<String, Long> counters() {
        return tree.counters();
    }
}
