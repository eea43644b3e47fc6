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
import io.infrasight.ml.resource.ResourceFeatures;
import io.infrasight.ml.syscall.SyscallFeatures;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One evaluation run: containers and workloads up, the real probes started, one engine per model family
 * and algorithm fed the same events (as the bus would feed the ML detectors), a learning phase on normal
 * behaviour, then a test phase in which the anomalies are injected one at a time while the normal
 * workloads go on. Every decision on a vector of the harness's containers is counted against the ground
 * truth ({@link Labels}). Everything started is stopped and removed in {@link #close()}, also on failure.
 */
final class Evaluation implements AutoCloseable {
    private static final long TICK_MS = 1000;
    private static final long FEED_MS = 100;
    private static final long LEARNING_GRACE_MS = 20_000;

    /** What the run measured. */
    record Result(Scoreboard board, long events, long decisions, long uncounted, long alerts, long probeDrops,
            Map<String, Map<String, Long>> probeCounters, List<ModelInfo> models, long wallMillis) {
    }

    private enum Phase { STARTING, WARMUP, LEARNING, TEST, DRAIN, DONE }

    private final EvalSettings settings;
    private final PrintStream out;
    private final Scoreboard board = new Scoreboard();
    private final Labels labels = new Labels();
    private final List<Engine> engines = new ArrayList<>();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong decisions = new AtomicLong();
    private final AtomicLong uncounted = new AtomicLong();
    private final AtomicLong alerts = new AtomicLong();
    private final AtomicReference<Throwable> feederFailure = new AtomicReference<>();
    private volatile Phase phase = Phase.STARTING;
    /**
     * The engines' monotonic clock: System.nanoTime() taken once per feeding round, so that it stands still
     * during a call and an aggregation window can only close at a call's start ({@link WindowTruth}).
     */
    private volatile long clock = System.nanoTime();
    private CgroupTree tree;
    private Workloads workloads;
    private Probes probes;
    private Thread feeder;
    private boolean closed;

    /** One engine, what it is (family, algorithm) and the ground truth of its windows. */
    private static final class Engine {
        final FeatureFamily family;
        final String algorithm;
        final WindowTruth truth;
        AnomalyEngine engine;

        Engine(FeatureFamily family, String algorithm, WindowTruth truth) {
            this.family = family;
            this.algorithm = algorithm;
            this.truth = truth;
        }
    }

    Evaluation(EvalSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    Result run() throws Exception {
        long t0 = System.currentTimeMillis();
        Path work = Files.createDirectories(settings.work());
        Scenario scenario = Scenario.create(work);
        tree = new CgroupTree("run-" + ProcessHandle.current().pid());
        workloads = new Workloads(Files.createDirectories(work.resolve("logs")));
        for (Scenario.Container c : scenario.containers) {
            Path dir = tree.create(c.name());
            labels.register(CgroupTree.id(dir), new Labels.Group(c.name(), c.image(), null));
            int i = 0;
            for (List<String> argv : c.processes()) {
                workloads.start(dir, c.name() + "-" + i++, argv);
            }
        }
        probes = new Probes();
        probes.start(1);
        phase = Phase.WARMUP;
        waitPhase("warm-up", settings.warmupSeconds() * 1000L);
        probes.drainTo(new ArrayList<>());   // start-up of the workloads is not what they normally do

        for (String algorithm : settings.algorithms()) {
            engines.add(engine(new ResourceFeatures(), algorithm, work));
            engines.add(engine(new SyscallFeatures(), algorithm, work));
        }
        phase = Phase.LEARNING;
        feeder = new Thread(this::feed, "ml-eval-feeder");
        feeder.setDaemon(true);
        feeder.start();
        waitPhase("learning", settings.learnSeconds() * 1000L);
        awaitScoring();

        phase = Phase.TEST;
        long testEnd = System.currentTimeMillis() + settings.testSeconds(scenario.anomalies.size()) * 1000L;
        for (int round = 0; round < settings.rounds(); round++) {
            for (Scenario.Anomaly a : scenario.anomalies) {
                Scenario.Container c = scenario.container(a.container());
                Path dir = tree.create(c.name() + "/inject-" + round + "-" + a.name());
                labels.register(CgroupTree.id(dir), new Labels.Group(c.name(), c.image(), a.name()));
                board.anomaly(a.name());
                out.printf("[ml-eval] inject %s into %s (%s) for %d s%n", a.name(), c.name(), a.imitates(),
                        settings.onSeconds());
                workloads.start(dir, "inject-" + a.name(), a.argv());
                waitUntil("test: " + a.name(), System.currentTimeMillis() + settings.onSeconds() * 1000L, testEnd);
                if (!CgroupTree.kill(dir)) {
                    throw new IllegalStateException("anomaly " + a.name() + " did not stop");
                }
                waitUntil("test: normal", System.currentTimeMillis() + settings.offSeconds() * 1000L, testEnd);
            }
        }
        phase = Phase.DRAIN;
        Thread.sleep(2 * TICK_MS + 500);   // the last intervals' records and aggregates
        phase = Phase.DONE;
        stopFeeder();
        checkFeeder();
        List<ModelInfo> models = new ArrayList<>();
        for (Engine e : engines) {
            models.addAll(e.engine.models());
        }
        return new Result(board, events.get(), decisions.get(), uncounted.get(), alerts.get(), probes.dropped(),
                probes.counters(), models, System.currentTimeMillis() - t0);
    }

    private Engine engine(FeatureFamily family, String algorithm, Path work) throws IOException {
        EngineSettings s = EngineSettings.defaults().withLearning(settings.learnSeconds(), settings.minSamples())
                .withAlgorithm(algorithm);
        Path dir = work.resolve("models").resolve(family.name() + "-" + algorithm);
        deleteTree(dir);   // each run learns afresh: a stored model would skip learning
        Files.createDirectories(dir);
        Engine e = new Engine(family, algorithm, new WindowTruth(family, labels));
        e.engine = new AnomalyEngine(family, s, dir, scored -> decided(e, scored), () -> clock,
                () -> System.currentTimeMillis() * 1_000_000L);
        return e;
    }

    /** Every decision of every engine: counted when it is on the harness's vectors during the test phase. */
    private void decided(Engine e, Scored s) {
        decisions.incrementAndGet();
        // an aggregate decision means its window closed: the truth must see it in every phase
        String windowAnomaly = s.level() == Level.PROCESS ? null : e.truth.label(s.container());
        if (phase != Phase.TEST && phase != Phase.DRAIN || Double.isNaN(s.threshold())) {
            return;
        }
        String anomaly;
        if (s.level() == Level.PROCESS) {
            Labels.Proc p = labels.process(s.pid());
            if (p == null) {
                uncounted.incrementAndGet();   // a host process: fed and scored like in production, not counted
                return;
            }
            anomaly = p.anomaly();
        } else if (s.level() == Level.CONTAINER && !labels.ours(s.container())) {
            uncounted.incrementAndGet();
            return;
        } else {
            anomaly = windowAnomaly;
        }
        board.count(new Scoreboard.Key(s.family(), s.level().label(), e.algorithm), anomaly, s.anomalous());
    }

    /** The feeding thread: the probes' events, with container keys, to every engine of their kind; ticks. */
    private void feed() {
        AlertPublisher sink = (Alert a) -> alerts.incrementAndGet();
        List<Event> batch = new ArrayList<>();
        long nextTick = System.currentTimeMillis() + TICK_MS;
        try {
            while (phase != Phase.DONE) {
                Thread.sleep(FEED_MS);
                batch.clear();
                probes.drainTo(batch);
                clock = System.nanoTime();
                List<Event> enriched = new ArrayList<>(batch.size());
                for (Event e : batch) {
                    enriched.add(labels.enrich(e));
                }
                events.addAndGet(enriched.size());
                for (Engine e : engines) {
                    List<Event> mine = enriched.stream().filter(x -> x.kind() == e.family.kind()).toList();
                    if (!mine.isEmpty()) {
                        e.truth.before();
                        e.engine.inspect(mine, sink);
                        e.truth.after(mine);
                    }
                }
                if (System.currentTimeMillis() >= nextTick) {
                    nextTick = System.currentTimeMillis() + TICK_MS;
                    for (Engine e : engines) {
                        e.truth.before();
                        e.engine.tick(sink);
                        e.truth.after(List.of());
                    }
                }
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            feederFailure.set(t);
        }
    }

    private void awaitScoring() throws InterruptedException {
        long deadline = System.currentTimeMillis() + LEARNING_GRACE_MS;
        while (true) {
            checkFeeder();
            List<String> learning = new ArrayList<>();
            for (Engine e : engines) {
                for (ModelInfo m : e.engine.models()) {
                    // the global ones and the host's: per-container models may go on learning (the global scores)
                    boolean global = m.key().equals("host") || m.key().endsWith(":global");
                    if (global && !"SCORING".equals(m.state())) {
                        learning.add(e.family.name() + "/" + e.algorithm + "/" + m.key() + " " + m.state() + " ("
                                + m.samples() + "/" + m.minSamples() + ")");
                    }
                }
            }
            if (learning.isEmpty()) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("global models still learning " + LEARNING_GRACE_MS + " ms after the "
                        + "learning phase: " + learning);
            }
            Thread.sleep(250);
        }
    }

    private void waitPhase(String name, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        waitUntil(name, end, end);
    }

    /** Sleeps until {@code until}, printing progress every 5 s ({@code phaseEnd}: for "seconds left"). */
    private void waitUntil(String name, long until, long phaseEnd) throws InterruptedException {
        long nextPrint = 0;
        while (true) {
            checkFeeder();
            long now = System.currentTimeMillis();
            if (now >= until) {
                return;
            }
            if (now >= nextPrint) {
                nextPrint = now + 5000;
                out.printf("[ml-eval] %-22s %4d s left  events %d  vectors scored %d, counted %d%n", name,
                        Math.max(0, (phaseEnd - now) / 1000), events.get(), decisions.get(), board.decisions());
            }
            Thread.sleep(Math.min(200, until - now));
        }
    }

    private void checkFeeder() {
        Throwable t = feederFailure.get();
        if (t != null) {
            throw new IllegalStateException("feeding the engines failed", t);
        }
    }

    private void stopFeeder() throws InterruptedException {
        phase = Phase.DONE;
        if (feeder != null) {
            feeder.interrupt();
            feeder.join(10_000);
        }
    }

    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        Exception first = null;
        try {
            stopFeeder();
        } catch (Exception e) {
            first = e;
        }
        if (probes != null) {
            probes.close();
        }
        for (Engine e : engines) {
            try {
                e.engine.close();
            } catch (Exception ex) {
                first = first == null ? ex : first;
            }
        }
        if (workloads != null) {
            workloads.close();
        }
        if (tree != null) {
            try {
                tree.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
