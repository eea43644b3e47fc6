package io.infrasight.ml.internal;

import io.infrasight.api.json.IsoTime;
import io.infrasight.ml.EngineSettings;
import io.infrasight.ml.FeatureFamily;
import io.infrasight.ml.Level;
import io.infrasight.ml.ModelInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models of one family: per level a global model and per-container ones (up to a bound),
 * loaded from disk on first use, trained when learning ends, saved when trained. The engine holds
 * its lock around every method except {@link #trainDue}, which takes it itself around the brief
 * snapshot and install steps.
 */
public final class Models {
    private static final Logger LOG = LoggerFactory.getLogger(Models.class);
    private static final IsoTime ISO = new IsoTime();
    static final String GLOBAL = "global";

    private final FeatureFamily family;
    private final EngineSettings settings;
    private final ModelStore store;
    private final EngineCounters counters;
    private final LongSupplier mono;
    private final LongSupplier wall;
    private final Map<String, Model> byKey = new LinkedHashMap<>();
    private final SplittableRandom rnd;
    private final Object lock;
    private final Map<String, String> interned = Sparse.newInterner();
    private boolean loaded;
    /** Why the last stored model could not be read; shown on the global models that learn anew. */
    private String loadError = "";

    public Models(FeatureFamily family, EngineSettings settings, ModelStore store, EngineCounters counters,
            LongSupplier mono, LongSupplier wall) {
        this.family = family;
        this.settings = settings;
        this.store = store;
        this.counters = counters;
        this.mono = mono;
        this.wall = wall;
        this.rnd = new SplittableRandom(settings.seed());
        this.lock = this;
    }

    static String key(Level level, String scope) {
        return level == Level.HOST ? "host" : level.label() + ":" + scope;
    }

    public String key(Model m) {
        return m.key;
    }

    public double threshold(Model m) {
        return m.trained.threshold();
    }

    /** Reads stored models once; unreadable ones are moved aside and learned again. */
    public void loadOnce() {
        synchronized (lock) {
            if (loaded) {
                return;
            }
            loaded = true;
            for (ModelStore.Loaded l : store.loadAll(family.name(), family.otherFeature())) {
                if (l.model() != null && l.model().algorithm.equals(settings.algorithm())) {
                    l.model().trainedMonoNanos = mono.getAsLong();
                    l.model().note = "restored from " + l.dir().getFileName();
                    byKey.put(l.model().key, l.model());
                    counters.inc("models_loaded");
                    LOG.info("{} model {} restored from {}: scoring with threshold {}", family.name(), l.model().key,
                            l.dir(), l.model().trained.threshold());
                } else if (l.model() != null) {
                    counters.inc("models_ignored_algorithm");
                    LOG.info("{} model in {} was trained with {}; configured is {}: learning anew", family.name(),
                            l.dir(), l.model().algorithm, settings.algorithm());
                } else {
                    counters.inc("model_load_errors");
                    String where = l.dir().toString();
                    try {
                        where = store.quarantine(l.dir(), wall.getAsLong() / 1_000_000L).toString();
                    } catch (Exception e) {
                        LOG.warn("Could not move {} aside: {}", l.dir(), e.toString());
                    }
                    LOG.error("{} model in {} cannot be read ({}); kept as {} and learning anew", family.name(),
                            l.dir(), l.error(), where);
                    loadError = "unreadable model moved to " + where + ": " + l.error();
                }
            }
        }
    }

    /**
     * Learns the vector into the models of its level that are learning, and returns the model that
     * scores it: the container's when it scores, else the global one, else null.
     */
    public Model learnAndPick(Level level, String container, Map<String, Double> f, long now) {
        Model global = model(key(level, GLOBAL), level, true);
        Model own = null;
        if (level != Level.HOST && !Aggregator.HOST.equals(container)) {
            String key = key(level, container);
            own = byKey.get(key);
            if (own == null && countAt(level) < settings.maxContainerModels() + 1) {   // counted only for new keys
                own = model(key, level, true);
            }
        }
        Sparse compact = null;
        for (Model m : new Model[] {global, own}) {
            if (m != null && m.state == Model.State.LEARNING && !m.training) {
                compact = compact == null ? Sparse.of(f, interned) : compact;
                m.learn(compact, now, settings.maxSamples(), rnd);
            }
        }
        if (own != null && own.state == Model.State.SCORING) {
            return own;
        }
        return global.state == Model.State.SCORING ? global : null;
    }

    public void remember(Model m, Map<String, Double> f, boolean anomalous) {
        if (!anomalous && settings.relearnSeconds() > 0) {
            m.remember(Sparse.of(f, interned), settings.maxSamples(), rnd);
        }
    }

    public void alerted(Model m) {
        m.alerts++;
    }

    private int countAt(Level level) {
        int n = 0;
        for (Model m : byKey.values()) {
            if (m.level == level) {
                n++;
            }
        }
        return n;
    }

    private Model model(String key, Level level, boolean create) {
        Model m = byKey.get(key);
        if (m == null && create) {
            m = new Model(family.name(), key, level, settings.algorithm());
            if (key.endsWith(GLOBAL)) {
                m.note = loadError;
            }
            byKey.put(key, m);
        }
        return m;
    }

    /** Trains every model whose learning ended (or whose re-learning is due); Weka runs outside the lock. */
    public void trainDue() {
        List<Model> due = new ArrayList<>();
        List<List<Sparse>> data = new ArrayList<>();
        synchronized (lock) {
            long now = mono.getAsLong();
            for (Model m : byKey.values()) {
                if (m.dueForTraining(now, settings)) {
                    due.add(m);
                    data.add(List.copyOf(m.reservoir));
                    m.training = true;
                } else if (m.dueForRelearning(now, settings)) {
                    // recent unflagged vectors plus the older training set, so one odd period cannot swing it
                    List<Sparse> mix = new ArrayList<>(m.recent);
                    List<Sparse> old = m.trained.samples();
                    for (int i = 0; i < old.size() && mix.size() < settings.maxSamples(); i += 2) {
                        mix.add(old.get(i));
                    }
                    due.add(m);
                    data.add(mix);
                    m.training = true;
                }
            }
        }
        for (int i = 0; i < due.size(); i++) {
            Model m = due.get(i);
            long t0 = System.nanoTime();
            try {
                Model.Trained t = Model.train(family, settings, data.get(i), wall.getAsLong());
                synchronized (lock) {
                    boolean relearn = m.state == Model.State.SCORING;
                    m.note = relearn ? "re-learned" : "";
                    m.install(t, mono.getAsLong());
                    counters.inc(relearn ? "relearnings" : "trainings");
                }
                LOG.info("{} model {} trained on {} vectors in {} ms ({} features): threshold {}", family.name(), m.key,
                        t.vectors().length, (System.nanoTime() - t0) / 1_000_000, t.schema().size(), t.threshold());
                try {
                    store.save(m);
                } catch (Exception e) {
                    counters.inc("model_save_errors");
                    LOG.error("{} model {} could not be saved under {}: {}", family.name(), m.key, store.root(),
                            e.toString());
                }
            } catch (Exception | LinkageError e) {
                counters.inc("training_errors");
                LOG.error("{} model {} could not be trained: {}", family.name(), m.key, e.toString(), e);
                synchronized (lock) {
                    m.training = false;
                    m.note = "training failed: " + e;
                    m.firstMonoNanos = mono.getAsLong(); // try again after another learning period
                }
            }
        }
    }

    public void saveCounters() {
        for (Model m : byKey.values()) {
            if (m.state == Model.State.SCORING) {
                try {
                    store.saveCounters(m);
                } catch (Exception e) {
                    LOG.warn("{} model {}: counters not saved: {}", family.name(), m.key, e.toString());
                }
            }
        }
    }

    public List<ModelInfo> infos() {
        List<ModelInfo> out = new ArrayList<>();
        long now = mono.getAsLong();
        for (Model m : byKey.values()) {
            boolean scoring = m.state == Model.State.SCORING;
            out.add(new ModelInfo(family.name(), m.key, m.level, m.algorithm,
                    m.training ? "TRAINING" : m.state.name(), m.samples(), settings.minSamples(),
                    m.learningLeftSeconds(now, settings), scoring ? m.trained.threshold() : Double.NaN,
                    settings.thresholdQuantile(), scoring ? m.trained.schema().size() : 0, m.scored, m.anomalies,
                    m.alerts, scoring ? ISO.format(m.trained.trainedAtNanos()) : "", m.note));
        }
        return out;
    }
}
