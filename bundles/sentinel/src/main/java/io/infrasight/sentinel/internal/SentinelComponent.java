package io.infrasight.sentinel.internal;

import io.infrasight.api.alert.AlertGate;
import io.infrasight.api.event.Event;
import io.infrasight.api.spi.AlertPublisher;
import io.infrasight.api.spi.Detector;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.api.status.ConfigValues;
import io.infrasight.sentinel.PackInfo;
import io.infrasight.sentinel.RuleInfo;
import io.infrasight.sentinel.RuleProblem;
import io.infrasight.sentinel.SentinelStatus;
import io.infrasight.sentinel.internal.engine.Sentinel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sentinel as a {@link Detector} on the bus and a {@link SentinelStatus} for the shell and status.
 * Activation only wires things up: files are read on the watcher thread, and bundle packs by the
 * tracker (a few small resources). A ticker thread raises the end-of-window summaries even when
 * no more events arrive.
 */
@Component(service = {Detector.class, SentinelStatus.class}, configurationPid = SentinelConfig.PID)
@Designate(ocd = SentinelConfig.class)
public final class SentinelComponent implements Detector, SentinelStatus {
    private static final Logger LOG = LoggerFactory.getLogger(SentinelComponent.class);
    private static final String PROBLEMS_KEY = SentinelConfig.PID + "#component";

    private final Sentinel sentinel;
    private final BundleRulePacks packs;
    private final RuleFileWatcher watcher;
    private final ConfigProblems configProblems;
    private final Thread ticker;
    private volatile AlertPublisher lastPublisher;
    private volatile boolean running = true;

    @Activate
    public SentinelComponent(BundleContext context, SentinelConfig config, @Reference ConfigProblems problems) {
        this.configProblems = problems;
        List<ConfigProblem> found = new ArrayList<>();
        AlertGate<Sentinel.Hit> gate = gate(config, found);
        problems.report(PROBLEMS_KEY, found);

        sentinel = Sentinel.withSystemClocks(gate);
        List<RuleFileWatcher.Dir> dirs = new ArrayList<>();
        dirs.add(new RuleFileWatcher.Dir(dir(config.rules_directory(), "karaf.etc", "rules"), "etc",
                n -> n.endsWith(".yaml") || n.endsWith(".yml")));
        if (!"-".equals(config.deploy_directory())) {
            dirs.add(new RuleFileWatcher.Dir(dir(config.deploy_directory(), "karaf.base", "deploy"), "deploy",
                    n -> n.endsWith(".rules.yaml") || n.endsWith(".rules.yml")));
        }
        watcher = new RuleFileWatcher(dirs, sentinel, config.watch());
        packs = new BundleRulePacks(context, sentinel);
        packs.open();
        watcher.start();
        ticker = new Thread(this::tick, "sentinel-ticker");
        ticker.setDaemon(true);
        ticker.start();
        LOG.info("Sentinel started: rule files from {}, dedup window {} s", dirs,
                gate.windowNanos() / 1_000_000_000L);
    }

    /** The dedup/rate-limit settings; rejected values are added to {@code found} and replaced by defaults. */
    static AlertGate<Sentinel.Hit> gate(SentinelConfig config, List<ConfigProblem> found) {
        String pid = SentinelConfig.PID;
        int window = ConfigValues.read(pid, "dedup.window.seconds", config::dedup_window_seconds, v -> v >= 0,
                "must be an integer of at least 0", 60, found);
        int perRule = ConfigValues.read(pid, "rate.limit.per.rule", config::rate_limit_per_rule, v -> v >= 0,
                "must be an integer of at least 0", 100, found);
        int maxKeys = ConfigValues.read(pid, "dedup.max.keys", config::dedup_max_keys, v -> v >= 100,
                "must be an integer of at least 100", 10000, found);
        return new AlertGate<>(window * 1_000_000_000L, perRule, maxKeys);
    }

    static Path dir(String configured, String baseProperty, String child) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String base = System.getProperty(baseProperty);
        return Path.of(base != null ? base : ".").resolve(child);
    }

    private void tick() {
        while (running) {
            try {
                Thread.sleep(1000);
                sentinel.tick(lastPublisher);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Sentinel summary tick failed", e);
            }
        }
    }

    @Deactivate
    void deactivate() {
        running = false;
        ticker.interrupt();
        watcher.stop();
        packs.close();
        configProblems.report(PROBLEMS_KEY, List.of());
    }

    @Override
    public String id() {
        return Sentinel.DETECTOR_ID;
    }

    @Override
    public void inspect(List<Event> batch, AlertPublisher alerts) {
        lastPublisher = alerts;
        sentinel.inspect(batch, alerts);
    }

    @Override
    public int engineVersion() {
        return sentinel.engineVersion();
    }

    @Override
    public List<RuleInfo> rules() {
        return sentinel.rules();
    }

    @Override
    public List<PackInfo> packs() {
        return sentinel.packs();
    }

    @Override
    public List<RuleProblem> problems() {
        return sentinel.problems();
    }

    @Override
    public Map<String, Long> counters() {
        return sentinel.counters();
    }
}
