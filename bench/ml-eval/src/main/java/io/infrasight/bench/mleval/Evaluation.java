package io.infrasight.bench.mleval;

import io.infrasight.api.event.Event;
import io.infrasight.ml.EngineSettings;
import io.infrasight.ml.FeatureFamily;
import io.infrasight.ml.ModelInfo;
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
    private static final long SETTLE_MS = 3000;

    /** What the run measured. */
    record Result(Scoreboard board, long events, long decisions, long uncounted, long alerts, long probeDrops,
            Map<String, Map<String, Long>> probeCounters, List<ModelInfo> models, Map<String, Double> hostVectorsPerSecond,
            long wallMillis) {
    }

    private enum Phase { STARTING, WARMUP, LEARNING, TEST, DRAIN, DONE }

    private final EvalSettings settings;
    private final PrintStream out;
    private final Scoreboard board = new Scoreboard();
    private final Labels labels = new Labels();
    private final Engines engines = new Engines(labels, board);
    private final AtomicLong events = new AtomicLong();
    private final AtomicReference<Throwable> feederFailure = new AtomicReference<>();
    private volatile Phase phase = Phase.STARTING;
    private CgroupTree tree;
    private Workloads workloads;
    private Probes probes;
    private Thread feeder;
    private boolean closed;

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

        EngineSettings es = EngineSettings.defaults().withLearning(settings.learnSeconds(), settings.minSamples());
        for (String algorithm : settings.algorithms()) {
            for (FeatureFamily family : List.of(new ResourceFeatures(), new SyscallFeatures())) {
                Path dir = work.resolve("models").resolve(family.name() + "-" + algorithm);
                deleteTree(dir);   // each run learns afresh: a stored model would skip learning
                engines.add(family, algorithm, es, Files.createDirectories(dir));
            }
        }
        phase = Phase.LEARNING;
        feeder = new Thread(this::feed, "ml-eval-feeder");
        feeder.setDaemon(true);
        feeder.start();
        waitPhase("learning", settings.learnSeconds() * 1000L);
        awaitScoring();

        phase = Phase.TEST;
        engines.counting(true);
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
        return new Result(board, events.get(), engines.decisions(), engines.uncounted(), engines.alerts(),
                probes.dropped(), probes.counters(), engines.models(), engines.hostVectorsPerSecond(),
                System.currentTimeMillis() - t0);
    }

    /** The feeding thread: the probes' events, with container keys, to every engine of their kind; ticks. */
    private void feed() {
        List<Event> batch = new ArrayList<>();
        long nextTick = System.currentTimeMillis() + TICK_MS;
        try {
            while (phase != Phase.DONE) {
                Thread.sleep(FEED_MS);
                batch.clear();
                probes.drainTo(batch);
                List<Event> enriched = new ArrayList<>(batch.size());
                for (Event e : batch) {
                    enriched.add(labels.enrich(e));
                }
                events.addAndGet(enriched.size());
                engines.feed(enriched, System.nanoTime());
                if (System.currentTimeMillis() >= nextTick) {
                    nextTick = System.currentTimeMillis() + TICK_MS;
                    engines.tick(System.nanoTime());
                }
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            feederFailure.set(t);
        }
    }

    /**
     * Waits (bounded) until every model scores: training runs in {@code tick} on the feeding thread here (in
     * production on the ticker, beside the bus worker), so feeding pauses while Weka trains, and counting
     * must not start on the backlog. Per-container models that are still learning at the deadline are
     * left to learn (the global model scores for them); global ones are not.
     */
    private void awaitScoring() throws InterruptedException {
        long start = System.currentTimeMillis();
        long deadline = start + 60_000L + settings.learnSeconds() * 1000L;
        long nextPrint = start + 5000;
        while (true) {
            checkFeeder();
            List<String> waiting = engines.modelsNotScoring();
            if (waiting.isEmpty()) {
                break;
            }
            long now = System.currentTimeMillis();
            if (now > deadline) {
                List<String> global = engines.globalModelsLearning();
                if (!global.isEmpty()) {
                    throw new IllegalStateException("global models not scoring " + (now - start) + " ms after the "
                            + "learning phase: " + global);
                }
                out.printf("[ml-eval] per-container models still learning, the global ones score for them: %s%n", waiting);
                break;
            }
            if (now >= nextPrint) {
                nextPrint = now + 5000;
                out.printf("[ml-eval] training, %d s so far; not scoring yet: %s%n", (now - start) / 1000, waiting);
            }
            Thread.sleep(250);
        }
        out.printf("[ml-eval] all global models score after %d s of training%n", (System.currentTimeMillis() - start) / 1000);
        // the events that queued up while Weka trained arrive in one go: let those windows pass uncounted
        waitPhase("settling", SETTLE_MS);
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
                        Math.max(0, (phaseEnd - now) / 1000), events.get(), engines.decisions(), board.decisions());
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
        try {
            engines.close();
        } catch (Exception ex) {
            first = first == null ? ex : first;
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
