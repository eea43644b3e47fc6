package io.infrasight.ml;

import io.infrasight.api.alert.Severity;
import io.infrasight.api.delivery.CounterSource;
import io.infrasight.api.event.Event;
import io.infrasight.api.spi.AlertPublisher;
import io.infrasight.api.spi.Detector;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.api.status.ConfigValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DS component body of a model family bundle: a {@link Detector} for the family's kind, a
 * {@link ModelCatalog} for the shell and status, and a {@link CounterSource}. The subclass is the DS
 * component (its annotations name the PID and kind); this class reads the configuration ({@link ModelConfig} names the properties),
 * owns the engine and a ticker thread, and persists on deactivation. Activation does no I/O:
 * stored models load on the first tick.
 */
public abstract class ModelFamilyComponent implements Detector, ModelCatalog, CounterSource {
    private static final Logger LOG = LoggerFactory.getLogger(ModelFamilyComponent.class);

    private final String pid;
    private final AnomalyEngine engine;
    private final boolean enabled;
    private final ConfigProblems problems;
    private final Thread ticker;
    private volatile AlertPublisher publisher;
    private volatile boolean running = true;

    /**
     * @param properties the component's configuration; the subclass's metatype definition names the
     *                   properties (enabled, algorithm, learning.seconds, ... as in docs/configuration.md)
     */
    protected ModelFamilyComponent(String pid, FeatureFamily family, Map<String, Object> properties,
            ConfigProblems problems) {
        this.pid = pid;
        this.problems = problems;
        List<ConfigProblem> found = new ArrayList<>();
        Props p = new Props(properties);
        EngineSettings settings = settings(pid, p, found);
        this.enabled = ConfigValues.read(pid, "enabled", () -> p.bool("enabled", true), v -> true, "", true, found);
        problems.report(pid + "#component", found);
        String dir = p.string("models.directory", "");
        Path root = dir.isBlank() ? Path.of(System.getProperty("karaf.data", "data"), "models") : Path.of(dir);
        this.engine = new AnomalyEngine(family, settings, root, null);
        this.ticker = new Thread(this::tickLoop, "ml-" + family.name() + "-ticker");
        ticker.setDaemon(true);
        if (enabled) {
            ticker.start();
        }
        LOG.info("Anomaly models {} {}: {}, learning {} s / {} vectors, models in {}", family.name(),
                enabled ? "on" : "off", settings.algorithm(), settings.learningSeconds(), settings.minSamples(), root);
    }

    /** The configuration as engine settings; rejected values are reported and replaced by defaults. */
    static EngineSettings settings(String pid, Props c, List<ConfigProblem> found) {
        EngineSettings d = EngineSettings.defaults();
        String algorithm = ConfigValues.read(pid, "algorithm", () -> c.string("algorithm", d.algorithm()),
                v -> Set.of(EngineSettings.ISOLATION_FOREST, EngineSettings.LOF).contains(v),
                "must be isolation-forest or lof", d.algorithm(), found);
        long learning = ConfigValues.read(pid, "learning.seconds", () -> c.number("learning.seconds",
                d.learningSeconds()), v -> v >= 0, "must be at least 0", d.learningSeconds(), found);
        long samples = ConfigValues.read(pid, "learning.samples", () -> c.number("learning.samples", d.minSamples()),
                v -> v >= 10 && v <= 100_000, "must be between 10 and 100000", (long) d.minSamples(), found);
        long max = ConfigValues.read(pid, "max.samples", () -> c.number("max.samples", Math.max(samples,
                d.maxSamples())), v -> v >= samples && v <= 100_000, "must be between learning.samples and 100000",
                Math.max(samples, d.maxSamples()), found);
        double q = ConfigValues.read(pid, "threshold.quantile", () -> c.decimal("threshold.quantile",
                d.thresholdQuantile()), v -> v > 0.5 && v < 1, "must be above 0.5 and below 1", d.thresholdQuantile(),
                found);
        long containers = ConfigValues.read(pid, "max.container.models", () -> c.number("max.container.models",
                d.maxContainerModels()), v -> v >= 0 && v <= 10_000, "must be between 0 and 10000",
                (long) d.maxContainerModels(), found);
        long relearn = ConfigValues.read(pid, "relearn.seconds", () -> c.number("relearn.seconds", 0),
                v -> v >= 0, "must be at least 0", 0L, found);
        Severity severity = ConfigValues.read(pid, "severity", () -> Severity.parse(c.string("severity",
                d.severity().name())), v -> true, "must be a severity such as WARNING or CRITICAL", d.severity(),
                found);
        long window = ConfigValues.read(pid, "dedup.window.seconds", () -> c.number("dedup.window.seconds",
                d.dedupWindowSeconds()), v -> v >= 0, "must be at least 0", d.dedupWindowSeconds(), found);
        long perWindow = ConfigValues.read(pid, "alerts.per.window", () -> c.number("alerts.per.window",
                d.maxAlertsPerWindow()), v -> v >= 0 && v <= 1_000_000, "must be between 0 and 1000000",
                (long) d.maxAlertsPerWindow(), found);
        return new EngineSettings(algorithm, learning, (int) samples, (int) max, q, (int) containers, relearn,
                d.trees(), d.seed(), d.topFeatures(), severity, window, (int) perWindow);
    }

    /** Typed reads of DS properties, which arrive as strings from .cfg files and as numbers from metatype. */
    static final class Props {
        private final Map<String, Object> map;

        Props(Map<String, Object> map) {
            this.map = map == null ? Map.of() : map;
        }

        String string(String key, String fallback) {
            Object v = map.get(key);
            return v == null ? fallback : String.valueOf(v).trim();
        }

        long number(String key, long fallback) {
            Object v = map.get(key);
            return v == null ? fallback : v instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(v).trim());
        }

        double decimal(String key, double fallback) {
            Object v = map.get(key);
            return v == null ? fallback
                    : v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v).trim());
        }

        boolean bool(String key, boolean fallback) {
            Object v = map.get(key);
            if (v == null) {
                return fallback;
            }
            String t = String.valueOf(v).trim();
            if (!t.equalsIgnoreCase("true") && !t.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("not true or false: " + t);
            }
            return Boolean.parseBoolean(t);
        }
    }

    private void tickLoop() {
        while (running) {
            try {
                Thread.sleep(500);
                engine.tick(publisher);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | LinkageError e) {
                LOG.error("{} ticker: {}", pid, e.toString(), e);
            }
        }
    }

    /** Called by the subclass's @Deactivate. */
    protected void stop() {
        running = false;
        ticker.interrupt();
        try {
            ticker.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.close();
        problems.report(pid + "#component", List.of());
    }

    @Override
    public void inspect(List<Event> batch, AlertPublisher alerts) {
        publisher = alerts;
        if (enabled) {
            engine.inspect(batch, alerts);
        }
    }

    @Override
    public String family() {
        return engine.family();
    }

    @Override
    public List<ModelInfo> models() {
        return engine.models();
    }

    @Override
    public Map<String, Long> counters() {
        return engine.counters();
    }

    public AnomalyEngine engine() {
        return engine;
    }
}
