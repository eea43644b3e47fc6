package io.infrasight.ml;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.alert.AlertGate;
import io.infrasight.api.event.ContextKeys;
import io.infrasight.api.event.Event;
import io.infrasight.api.spi.AlertPublisher;
import io.infrasight.ml.internal.Aggregator;
import io.infrasight.ml.internal.EngineCounters;
import io.infrasight.ml.internal.Model;
import io.infrasight.ml.internal.ModelStore;
import io.infrasight.ml.internal.Models;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model family's anomaly detection. For each process interval vector: learn it into the global
 * model and its container's model (keyed by image) while they learn; score it with the container's
 * model once that scores, else with the global one. Vectors are also summed per container and for
 * the host each interval and go through models of their own. Anomalous vectors raise alerts through
 * the same dedup gate as Sentinel's. Thread-safe: the bus worker calls {@link #inspect}, a ticker
 * {@link #tick}; training runs in {@code tick} outside the lock.
 */
public final class AnomalyEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnomalyEngine.class);
    /** A node that sent nothing for this many intervals has its aggregation state dropped. */
    private static final int FORGET_NODE_INTERVALS = 60;
    /** Nodes summed at once, at most (a bound on memory whatever arrives). */
    private static final int MAX_NODES = 10_000;

    private final FeatureFamily family;
    private final EngineSettings settings;
    private final Consumer<Scored> listener;
    private final LongSupplier mono;
    private final LongSupplier wall;
    private final Models models;
    /** One per node (a server's engine sees many): their harvests have their own phases and clocks. */
    private final Map<String, Aggregator> aggregators = new HashMap<>();
    private final AlertGate<Alert> gate;
    private final EngineCounters counters = new EngineCounters();
    private final String detectorId;

    public AnomalyEngine(FeatureFamily family, EngineSettings settings, Path modelDir, Consumer<Scored> listener) {
        this(family, settings, modelDir, listener, System::nanoTime, () -> System.currentTimeMillis() * 1_000_000L);
    }

    public AnomalyEngine(FeatureFamily family, EngineSettings settings, Path modelDir, Consumer<Scored> listener,
            LongSupplier monoNanos, LongSupplier wallNanos) {
        this.family = family;
        this.settings = settings;
        this.listener = listener == null ? s -> { } : listener;
        this.mono = monoNanos;
        this.wall = wallNanos;
        this.detectorId = "ml-" + family.name();
        this.models = new Models(family, settings, new ModelStore(modelDir), counters, mono, wall);
        this.gate = new AlertGate<>(settings.dedupWindowSeconds() * 1_000_000_000L, settings.maxAlertsPerWindow(),
                10_000);
    }

    public String family() {
        return family.name();
    }

    /** Feeds the family's events; other kinds are ignored. */
    public void inspect(List<Event> batch, AlertPublisher alerts) {
        List<Raised> raised = new ArrayList<>();
        synchronized (this) {
            models.loadOnce();
            for (Event e : batch) {
                if (e.header().kind() == family.kind()) {
                    process(e, raised);
                }
            }
        }
        publish(raised, alerts);
    }

    /** Closes aggregation windows that are due, trains models whose learning ended, raises dedup summaries. */
    public void tick(AlertPublisher alerts) {
        List<Raised> raised = new ArrayList<>();
        synchronized (this) {
            models.loadOnce();
            long now = mono.getAsLong();
            for (Iterator<Map.Entry<String, Aggregator>> it = aggregators.entrySet().iterator(); it.hasNext();) {
                Map.Entry<String, Aggregator> a = it.next();
                for (Aggregator.Sum s : a.getValue().closeIfDue(now)) {
                    aggregate(a.getKey(), s, raised);
                }
                if (a.getValue().forgettable(now, FORGET_NODE_INTERVALS)) {
                    it.remove();
                }
            }
        }
        models.trainDue();
        for (AlertGate.Summary<Alert> s : gate.expire(mono.getAsLong())) {
            Alert a = s.last();
            Map<String, Object> details = new LinkedHashMap<>(a.details());
            details.put("suppressed", s.suppressed());
            raised.add(new Raised(null, new Alert(UUID.randomUUID().toString(), wall.getAsLong(), a.ruleId(),
                    a.severity(), a.message() + " (and " + s.suppressed() + " more in the last "
                            + settings.dedupWindowSeconds() + " s; suppressed)", a.tags(), detectorId, details,
                    a.event())));
        }
        publish(raised, alerts);
    }

    public List<ModelInfo> models() {
        synchronized (this) {
            return models.infos();
        }
    }

    public Map<String, Long> counters() {
        Map<String, Long> m = counters.snapshot();
        m.put("dedup_windows_open", (long) gate.openWindows());
        m.put("alerts_suppressed", gate.suppressed());
        return m;
    }

    /** Persists counters of scoring models; models themselves are written when trained. */
    @Override
    public void close() {
        synchronized (this) {
            models.saveCounters();
        }
    }

    private record Raised(Model model, Alert alert) {
    }

    private void process(Event e, List<Raised> raised) {
        Map<String, Double> raw = family.raw(e);
        if (raw.isEmpty()) {
            counters.inc("skipped");
            return;
        }
        double secs = family.intervalSeconds(e);
        String bad = EngineCounters.check(raw, secs);
        if (bad != null) {
            counters.reject(bad, e, raw, secs);
            return;
        }
        counters.inc("vectors");
        String container = container(e);
        String node = node(e);
        long now = mono.getAsLong();
        Aggregator aggregator = aggregators.get(node);
        if (aggregator == null && aggregators.size() < MAX_NODES) {
            aggregator = new Aggregator();
            aggregators.put(node, aggregator);
        }
        if (aggregator == null) {
            counters.inc("nodes_over_limit");   // its processes are still scored; its sums are not
        } else {
            for (Aggregator.Sum s : aggregator.add(instance(e), container, raw, secs, e, now)) {
                aggregate(node, s, raised);
            }
        }
        Map<String, Double> f = family.features(raw, secs, 1, Level.PROCESS);
        decide(Level.PROCESS, container, subject(node, Integer.toString(e.header().pid())), e.header().pid(),
                e.header().comm(), f, e, List.of(e.header().pid()), now, raised);
    }

    private void aggregate(String node, Aggregator.Sum s, List<Raised> raised) {
        Level level = Aggregator.HOST.equals(s.instance) ? Level.HOST : Level.CONTAINER;
        Map<String, Double> f = family.features(s.raw, s.seconds, s.processes, level);
        String subject = level == Level.HOST ? (node.isEmpty() ? Aggregator.HOST : node) : subject(node, s.instance);
        decide(level, s.container, subject, 0, "", f, level == Level.HOST ? null : s.last, s.pids,
                mono.getAsLong(), raised);
    }

    /** What an alert is about, unique across nodes: pids and container ids are only unique on their node. */
    private static String subject(String node, String local) {
        return node.isEmpty() ? local : node + "/" + local;
    }

    private void decide(Level level, String container, String subject, int pid, String comm, Map<String, Double> f,
            Event e, List<Integer> members, long now, List<Raised> raised) {
        Model m = models.learnAndPick(level, container, f, now);
        if (m == null) {
            counters.inc("unscored_learning");
            return;
        }
        Model.Decision d;
        try {
            d = m.score(f, settings.topFeatures());
        } catch (Exception ex) {
            counters.inc("scoring_errors");
            LOG.warn("{} model {} could not score a vector: {}", family.name(), models.key(m), ex.toString());
            return;
        }
        counters.inc(d.anomalous() ? "anomalies" : "normal");
        models.remember(m, f, d.anomalous());
        Scored s = new Scored(family.name(), models.key(m), level, subject, pid, comm, container, wall.getAsLong(),
                d.score(), models.threshold(m), d.anomalous(), d.top(), members);
        listener.accept(s);
        if (d.anomalous()) {
            Alert a = alert(s, m, e);
            if (gate.admit(a.ruleId(), subject, a, now) != AlertGate.SUPPRESSED) {
                raised.add(new Raised(m, a));
            }
        }
    }

    private Alert alert(Scored s, Model m, Event e) {
        String rule = "ml." + family.name() + "." + s.level().label();
        StringBuilder msg = new StringBuilder("Anomalous ").append(family.name()).append(" behaviour of ");
        if (s.level() == Level.PROCESS) {
            msg.append(s.comm()).append(" (pid ").append(s.pid()).append(")");
            if (!Aggregator.HOST.equals(s.container())) {
                msg.append(" in container ").append(s.container());
            }
        } else if (s.level() == Level.CONTAINER) {
            msg.append("container ").append(s.subject());
            if (!s.subject().endsWith(s.container())) {
                msg.append(" (").append(s.container()).append(")");
            }
        } else {
            msg.append("the host ").append(s.subject());
        }
        msg.append(String.format(Locale.ROOT, ": score %.3f > threshold %.3f of model %s; ", s.score(), s.threshold(),
                s.modelKey()));
        List<String> top = new ArrayList<>();
        for (Contribution c : s.top()) {
            top.add(new Contribution(family.describe(c.feature()), c.value(), c.typical(), c.deviation()).toString());
        }
        msg.append(String.join(", ", top));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("score", s.score());
        details.put("threshold", s.threshold());
        details.put("model", s.modelKey());
        details.put("algorithm", settings.algorithm());
        details.put("level", s.level().label());
        details.put("container", s.container());
        details.put("subject", s.subject());
        details.put("top_features", top);
        return new Alert(UUID.randomUUID().toString(), s.timeNanos(), rule, settings.severity(), msg.toString(),
                List.of("ml", "anomaly", family.name(), s.level().label()), detectorId, details, e);
    }

    private void publish(List<Raised> raised, AlertPublisher alerts) {
        for (Raised r : raised) {
            if (r.model() != null) {
                synchronized (this) {
                    models.alerted(r.model());
                }
            }
            counters.inc("alerts");
            if (alerts != null) {
                alerts.publish(r.alert());
            }
        }
    }

    /** The container instance: its id, else "host". */
    static String instance(Event e) {
        Object id = e.header().context().get(ContextKeys.CONTAINER_ID);
        if (id instanceof String s && !s.isEmpty() && !"unknown".equals(s)) {
            return s;
        }
        return Aggregator.HOST;
    }

    static String node(Event e) {
        String n = e.header().node();
        return n == null ? "" : n;
    }

    /** The container key: image when the runtime told us, else the container id, else "host". */
    static String container(Event e) {
        Object image = e.header().context().get(ContextKeys.CONTAINER_IMAGE);
        return image instanceof String s && !s.isEmpty() ? s : instance(e);
    }
}
