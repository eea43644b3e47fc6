package io.infrasight.bench.mleval;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.event.Event;
import io.infrasight.api.spi.AlertPublisher;
import io.infrasight.ml.AnomalyEngine;
import io.infrasight.ml.EngineSettings;
import io.infrasight.ml.FeatureFamily;
import io.infrasight.ml.Level;
import io.infrasight.ml.ModelInfo;
import io.infrasight.ml.Scored;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engines under evaluation (model family x algorithm), fed the same events, and the counting of
 * their decisions against the ground truth. Feeding and ticking happen on one thread; the engines call
 * back synchronously from {@code inspect} and {@code tick}.
 *
 * <p>Each engine runs on a monotonic clock that the caller sets once per round ({@link #feed},
 * {@link #tick}) instead of System.nanoTime(). Aggregate (container, host) vectors are labelled by the
 * pids the engine says it summed into them ({@code Scored.members}), so the labels are exact whatever
 * the engine's windowing.
 */
final class Engines implements AutoCloseable {
    /** One engine and what it is. */
    private static final class Engine {
        final FeatureFamily family;
        final String algorithm;
        AnomalyEngine engine;

        Engine(FeatureFamily family, String algorithm) {
            this.family = family;
            this.algorithm = algorithm;
        }
    }

    private final Labels labels;
    private final Scoreboard board;
    private final List<Engine> engines = new ArrayList<>();
    private final AtomicLong decisions = new AtomicLong();
    private final AtomicLong uncounted = new AtomicLong();
    private final AtomicLong alerts = new AtomicLong();
    private final AlertPublisher sink = (Alert a) -> alerts.incrementAndGet();
    private volatile long clock = System.nanoTime();
    private volatile boolean counting;
    private volatile long countingSinceNanos;
    /** "family/algorithm" -> host vectors decided while counting: one per harvest if windows matched harvests. */
    private final java.util.Map<String, AtomicLong> hostVectors = new java.util.concurrent.ConcurrentHashMap<>();

    Engines(Labels labels, Scoreboard board) {
        this.labels = labels;
        this.board = board;
    }

    /** Adds an engine with its models in {@code modelDir} (call before feeding starts). */
    void add(FeatureFamily family, String algorithm, EngineSettings settings, Path modelDir) {
        Engine e = new Engine(family, algorithm);
        e.engine = new AnomalyEngine(family, settings.withAlgorithm(algorithm), modelDir, s -> decided(e, s),
                () -> clock, () -> System.currentTimeMillis() * 1_000_000L);
        engines.add(e);
    }

    /** From now on decisions are counted (the test phase) or not (learning). */
    void counting(boolean on) {
        countingSinceNanos = System.nanoTime();
        counting = on;
    }

    /** Host vectors per second while counting, per family and algorithm (the probes harvest once a second). */
    java.util.Map<String, Double> hostVectorsPerSecond() {
        double secs = (System.nanoTime() - countingSinceNanos) / 1e9;
        java.util.Map<String, Double> m = new java.util.TreeMap<>();
        hostVectors.forEach((k, v) -> m.put(k, v.get() / secs));
        return m;
    }

    /** Feeds events (already carrying their container keys) to the engines of their kind, at {@code monoNow}. */
    void feed(List<Event> events, long monoNow) {
        clock = monoNow;
        for (Engine e : engines) {
            List<Event> mine = events.stream().filter(x -> x.kind() == e.family.kind()).toList();
            if (!mine.isEmpty()) {
                e.engine.inspect(mine, sink);
            }
        }
    }

    void tick(long monoNow) {
        clock = monoNow;
        for (Engine e : engines) {
            e.engine.tick(sink);
        }
    }

    /**
     * The anomaly an aggregate vector summed, from the pids the engine says it summed (Scored.members)
     * and what each pid was when it was fed: exact whatever the engine's windowing.
     */
    private String memberAnomaly(Scored s) {
        for (Integer pid : s.members()) {
            Labels.Proc p = labels.process(pid);
            if (p != null && p.anomaly() != null && (s.level() == Level.HOST || p.image().equals(s.container()))) {
                return p.anomaly();
            }
        }
        return null;
    }

    /** Every decision of every engine: counted when it is on the harness's vectors while counting. */
    private void decided(Engine e, Scored s) {
        decisions.incrementAndGet();
        // an aggregate decision means its window closed: the truth must see it in every phase
        String windowAnomaly = s.level() == Level.PROCESS ? null : memberAnomaly(s);
        if (!counting || Double.isNaN(s.threshold())) {
            return;
        }
        if (s.level() == Level.HOST) {
            hostVectors.computeIfAbsent(s.family() + "/" + e.algorithm, k -> new AtomicLong()).incrementAndGet();
        }
        String anomaly;
        if (s.level() == Level.PROCESS) {
            // the vector's container (from its own event) decides whether it is ours, the pid which anomaly
            Labels.Proc p = labels.ours(s.container()) ? labels.process(s.pid()) : null;
            if (p == null) {
                uncounted.incrementAndGet();   // a host process: fed and scored as in production, not counted
                return;
            }
            anomaly = p.anomaly();
        } else if (s.level() == Level.CONTAINER && !labels.ours(s.container())) {
            uncounted.incrementAndGet();
            return;
        } else {
            anomaly = windowAnomaly;
        }
        Scoreboard.Key key = new Scoreboard.Key(s.family(), s.level().label(), e.algorithm);
        board.count(key, anomaly, s.anomalous());
        // the engine explains flagged vectors only: a miss is named by its anomaly
        String feature = s.top().isEmpty() ? "" : s.top().get(0).feature() + (s.top().get(0).deviation() < 0 ? "-" : "+");
        if (anomaly == null && s.anomalous()) {
            String where = s.level() == Level.PROCESS ? s.comm() + "@" + shortName(s.container()) : shortName(s.container());
            board.falsePositive(key, where + ":" + feature);
        } else if (anomaly != null && !s.anomalous()) {
            board.miss(key, s.level() == Level.PROCESS ? anomaly + ":" + s.comm() : anomaly);
        }
    }

    /** "eval/web:1" -> "web". */
    private static String shortName(String container) {
        return container.startsWith("eval/") ? container.substring(5, container.indexOf(':')) : container;
    }

    List<ModelInfo> models() {
        List<ModelInfo> out = new ArrayList<>();
        for (Engine e : engines) {
            out.addAll(e.engine.models());
        }
        return out;
    }

    /** Every model not yet scoring, with its state and samples. */
    List<String> modelsNotScoring() {
        List<String> out = new ArrayList<>();
        for (ModelInfo m : models()) {
            if (!"SCORING".equals(m.state())) {
                out.add(m.family() + "/" + m.algorithm() + "/" + m.key() + " " + m.state() + " (" + m.samples() + "/"
                        + m.minSamples() + ")");
            }
        }
        return out;
    }

    /** Global and host models not yet scoring (per-container ones may learn on: the global one scores meanwhile). */
    List<String> globalModelsLearning() {
        List<String> learning = new ArrayList<>();
        for (ModelInfo m : models()) {
            boolean global = m.key().equals("host") || m.key().endsWith(":global");
            if (global && !"SCORING".equals(m.state())) {
                learning.add(m.family() + "/" + m.algorithm() + "/" + m.key() + " " + m.state() + " (" + m.samples()
                        + "/" + m.minSamples() + " vectors, " + m.learningLeftSeconds() + " s left)");
            }
        }
        return learning;
    }

    long decisions() {
        return decisions.get();
    }

    long uncounted() {
        return uncounted.get();
    }

    long alerts() {
        return alerts.get();
    }

    @Override
    public void close() {
        for (Engine e : engines) {
            e.engine.close();
        }
    }
}
