package io.infrasight.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.Lifecycle;
import io.infrasight.api.event.ResourceEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine with real Weka models over generated vectors, a hand-driven clock and real files. */
class AnomalyEngineTest {
    @TempDir
    Path dir;

    final AtomicLong mono = new AtomicLong(1_000_000_000L);
    final List<Scored> scored = new CopyOnWriteArrayList<>();
    final List<Alert> alerts = new CopyOnWriteArrayList<>();
    final Random rnd = new Random(3);

    AnomalyEngine engine(EngineSettings s) {
        return new AnomalyEngine(new TestFamily(), s, dir, scored::add, mono::get,
                () -> System.currentTimeMillis() * 1_000_000L);
    }

    static EngineSettings quick() {
        return EngineSettings.defaults().withLearning(10, 150).withThresholdQuantile(0.99);
    }

    /** One interval: {@code n} normal processes of image {@code image}; the clock moves one second. */
    void interval(AnomalyEngine e, String image, int n) {
        List<Event> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(TestFamily.event(100 + i, "worker", image, 20 + rnd.nextGaussian() * 3,
                    (long) (50_000 + rnd.nextGaussian() * 5000), 1 + rnd.nextInt(2)));
        }
        e.inspect(batch, alerts::add);
        mono.addAndGet(1_000_000_000L);
        e.tick(alerts::add);
    }

    AnomalyEngine learned(EngineSettings s) {
        AnomalyEngine e = engine(s);
        for (int t = 0; t < 40; t++) {
            interval(e, null, 10);
        }
        e.tick(alerts::add);
        return e;
    }

    ModelInfo model(AnomalyEngine e, String key) {
        return e.models().stream().filter(m -> m.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no model " + key + " in " + e.models()));
    }

    @Test
    void learnsUntilDurationAndSamplesAreReachedThenScoresWithACalibratedThreshold() {
        AnomalyEngine e = engine(quick());
        for (int t = 0; t < 9; t++) {
            interval(e, null, 10);
        }
        assertEquals("LEARNING", model(e, "process:global").state(), "90 vectors < 150");
        assertTrue(scored.isEmpty(), "nothing is scored while every model learns");
        for (int t = 0; t < 8; t++) {
            interval(e, null, 10);
        }
        ModelInfo m = model(e, "process:global");
        assertEquals("SCORING", m.state(), m.toString());
        assertTrue(m.threshold() > 0 && m.threshold() <= 1, m.toString());
        assertEquals(0.99, m.quantile());
        scored.clear();
        for (int t = 0; t < 20; t++) {
            interval(e, null, 10);
        }
        long flagged = scored.stream().filter(s -> s.level() == Level.PROCESS && s.anomalous()).count();
        long total = scored.stream().filter(s -> s.level() == Level.PROCESS).count();
        assertEquals(200, total);
        assertTrue(flagged <= 0.05 * total, "false positives on normal vectors: " + flagged + " of " + total);
    }

    @Test
    void anOutlierIsFlaggedAlertedWithScoreThresholdModelAndTopFeatureAndItsRepeatsAreDeduplicated() {
        AnomalyEngine e = learned(quick());
        alerts.clear();
        long suppressed = e.counters().get("alerts_suppressed");
        e.inspect(List.of(TestFamily.event(4711, "miner", null, 950, 50_000, 1)), alerts::add);
        e.inspect(List.of(TestFamily.event(4711, "miner", null, 970, 50_000, 1)), alerts::add);
        Scored s = scored.get(scored.size() - 1);
        assertTrue(s.anomalous(), s.toString());
        assertEquals("cpu", s.top().get(0).feature(), "the feature that deviates most");
        assertEquals(1, alerts.size(), "the repeat within the dedup window is suppressed: " + alerts.stream().map(Alert::message).toList());
        Alert a = alerts.get(0);
        assertEquals("ml.test.process", a.ruleId());
        assertEquals("ml-test", a.detector());
        assertTrue((double) a.details().get("score") > (double) a.details().get("threshold"));
        assertEquals("process:global", a.details().get("model"));
        assertTrue(a.message().contains("miner (pid 4711)") && a.message().contains("cpu="), a.message());
        assertEquals(4711, a.event().header().pid());
        assertEquals(suppressed + 1, e.counters().get("alerts_suppressed"));
    }

    @Test
    void lofLearnsAndFlagsTheSameOutlier() {
        AnomalyEngine e = learned(quick().withAlgorithm(EngineSettings.LOF));
        assertEquals("lof", model(e, "process:global").algorithm());
        e.inspect(List.of(TestFamily.event(4711, "miner", null, 950, 50_000, 1)), alerts::add);
        assertTrue(scored.get(scored.size() - 1).anomalous());
    }

    @Test
    void aContainerGetsItsOwnModelOnceItHasEnoughDataAndUsesTheGlobalOneUntilThen() {
        AnomalyEngine e = learned(quick());
        assertEquals("SCORING", model(e, "process:global").state());
        scored.clear();
        interval(e, "shop/web:1", 5);
        assertTrue(scored.stream().filter(s -> s.level() == Level.PROCESS)
                .allMatch(s -> s.modelKey().equals("process:global") && s.container().equals("shop/web:1")));
        assertEquals("LEARNING", model(e, "process:shop/web:1").state());
        for (int t = 0; t < 40; t++) {
            interval(e, "shop/web:1", 5);
        }
        assertEquals("SCORING", model(e, "process:shop/web:1").state());
        scored.clear();
        interval(e, "shop/web:1", 5);
        assertTrue(scored.stream().filter(s -> s.level() == Level.PROCESS)
                .allMatch(s -> s.modelKey().equals("process:shop/web:1")), scored.toString());
    }

    @Test
    void containerAndHostSumsAreScoredByModelsOfTheirOwn() {
        AnomalyEngine e = engine(quick().withLearning(10, 20));
        for (int t = 0; t < 40; t++) {
            interval(e, "shop/web:1", 4);
        }
        assertEquals("SCORING", model(e, "container:shop/web:1").state());
        assertEquals("SCORING", model(e, "host").state());
        scored.clear();
        // eight times the processes, each as busy as usual: only the sums can tell
        List<Event> burst = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            burst.add(TestFamily.event(500 + i, "worker", "shop/web:1", 20, 50_000, 1));
        }
        e.inspect(burst, alerts::add);
        mono.addAndGet(1_000_000_000L);
        e.tick(alerts::add);
        Scored c = scored.stream().filter(s -> s.level() == Level.CONTAINER).findFirst().orElseThrow();
        assertEquals("c-shop/web:1", c.subject(), "the container instance");
        assertEquals("shop/web:1", c.container(), "the image: the key of its model");
        assertTrue(c.anomalous(), c.toString());
        assertTrue(scored.stream().anyMatch(s -> s.level() == Level.HOST && s.anomalous()));
        assertTrue(alerts.stream().anyMatch(a -> a.ruleId().equals("ml.test.container")), alerts.toString());
    }

    /** {@code n} processes of container {@code id} (image {@code image}) on {@code node}, one interval. */
    static List<Event> replica(String node, String id, String image, int firstPid, int n) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ResourceEvent r = TestFamily.event(firstPid + i, "worker", image, 20, 50_000, 1);
            out.add(r.withHeader(r.header().withNode(node).withContext(r.header().context()
                    .with(io.infrasight.api.event.ContextKeys.CONTAINER_ID, id))));
        }
        return out;
    }

    @Test
    void replicasOfAnImageAndHostsOfNodesAreSummedEachOnTheirOwnAndScoredByTheSharedModels() {
        AnomalyEngine e = engine(quick().withLearning(10, 20));
        for (int t = 0; t < 40; t++) {
            List<Event> batch = new ArrayList<>(replica("n1", "web-a", "shop/web:1", 100, 4));
            batch.addAll(replica("n2", "web-b", "shop/web:1", 100, 4));
            e.inspect(batch, alerts::add);
            mono.addAndGet(1_000_000_000L);
            e.tick(alerts::add);
        }
        assertEquals("SCORING", model(e, "container:shop/web:1").state());
        scored.clear();
        alerts.clear();
        // a third replica on n1, just like the others: three normal containers, not one three times as busy
        List<Event> batch = new ArrayList<>(replica("n1", "web-a", "shop/web:1", 100, 4));
        batch.addAll(replica("n1", "web-c", "shop/web:1", 200, 4));
        batch.addAll(replica("n2", "web-b", "shop/web:1", 100, 4));
        e.inspect(batch, alerts::add);
        mono.addAndGet(1_000_000_000L);
        e.tick(alerts::add);
        List<Scored> containers = scored.stream().filter(s -> s.level() == Level.CONTAINER).toList();
        assertEquals(List.of("n1/web-a", "n1/web-c", "n2/web-b"), containers.stream().map(Scored::subject).sorted().toList());
        assertTrue(containers.stream().allMatch(s -> s.modelKey().equals("container:shop/web:1") && !s.anomalous()),
                containers.toString());
        List<Scored> hosts = scored.stream().filter(s -> s.level() == Level.HOST).toList();
        assertEquals(List.of("n1", "n2"), hosts.stream().map(Scored::subject).sorted().toList());
        assertEquals(8, hosts.stream().filter(s -> s.subject().equals("n1")).findFirst().orElseThrow().members().size());

        // and one replica eight times as busy is flagged as itself, on its node
        scored.clear();
        batch = new ArrayList<>(replica("n1", "web-a", "shop/web:1", 100, 32));
        batch.addAll(replica("n2", "web-b", "shop/web:1", 100, 4));
        e.inspect(batch, alerts::add);
        mono.addAndGet(1_000_000_000L);
        e.tick(alerts::add);
        Scored busy = scored.stream().filter(s -> s.level() == Level.CONTAINER && s.subject().equals("n1/web-a"))
                .findFirst().orElseThrow();
        assertTrue(busy.anomalous(), busy.toString());
        assertFalse(scored.stream().anyMatch(s -> s.subject().equals("n2/web-b") && s.anomalous()), scored.toString());
        Alert a = alerts.stream().filter(x -> x.ruleId().equals("ml.test.container")).findFirst().orElseThrow();
        assertTrue(a.message().contains("container n1/web-a (shop/web:1)"), a.message());
        assertEquals("n1/web-a", a.details().get("subject"));
    }

    @Test
    void aStoredModelScoresAfterARestartWithoutLearningAgain() throws Exception {
        AnomalyEngine first = learned(quick());
        ModelInfo before = model(first, "process:global");
        first.close();
        try (Stream<Path> files = Files.walk(dir)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().equals("model.bin")));
        }
        scored.clear();
        AnomalyEngine second = engine(quick());
        second.inspect(List.of(TestFamily.event(4711, "miner", null, 950, 50_000, 1)), alerts::add);
        ModelInfo after = model(second, "process:global");
        assertEquals("SCORING", after.state());
        assertEquals(before.threshold(), after.threshold());
        assertEquals(before.samples(), after.samples());
        assertTrue(after.note().startsWith("restored"), after.note());
        assertEquals(1, scored.size());
        assertTrue(scored.get(0).anomalous());
        assertEquals(1L, second.counters().get("models_loaded"));
    }

    @Test
    void aCorruptModelFileIsSetAsideWithAClearErrorAndTheModelLearnsAgain() throws Exception {
        learned(quick()).close();
        Path bin;
        try (Stream<Path> files = Files.walk(dir)) {
            bin = files.filter(p -> p.toString().contains("process_global") && p.getFileName().toString()
                    .equals("model.bin")).findFirst().orElseThrow();
        }
        Files.write(bin, new byte[] {(byte) 0xac, (byte) 0xed, 0, 5, 1, 2, 3});
        AnomalyEngine e = engine(quick());
        e.inspect(List.of(TestFamily.event(1, "worker", null, 20, 50_000, 1)), alerts::add);
        assertEquals(1L, e.counters().get("model_load_errors"));
        ModelInfo m = model(e, "process:global");
        assertEquals("LEARNING", m.state());
        assertTrue(m.note().contains("unreadable model moved to") && m.note().contains(".corrupt-"), m.note());
        try (Stream<Path> files = Files.list(bin.getParent().getParent())) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().contains(".corrupt-")));
        }
    }

    @Test
    void aModelFileNamingAnotherClassIsRefusedBeforeAnythingIsBuilt() throws Exception {
        learned(quick()).close();
        Path bin;
        try (Stream<Path> files = Files.walk(dir)) {
            bin = files.filter(p -> p.toString().contains("process_global") && p.getFileName().toString()
                    .equals("model.bin")).findFirst().orElseThrow();
        }
        try (var out = new java.io.ObjectOutputStream(Files.newOutputStream(bin))) {
            out.writeUTF("infrasight-weka-1");
            out.writeUTF("isolation-forest");
            out.writeObject(new java.net.URI("http://127.0.0.1/"));
        }
        AnomalyEngine e = engine(quick());
        e.inspect(List.of(TestFamily.event(1, "worker", null, 20, 50_000, 1)), alerts::add);
        assertEquals(1L, e.counters().get("model_load_errors"));
        assertTrue(model(e, "process:global").note().contains("REJECTED"), model(e, "process:global").note());
    }

    @Test
    void negativeNanAndZeroLengthVectorsAreRejectedCountedAndNeverLearned() {
        AnomalyEngine e = engine(quick());
        EventHeader h = EventHeader.of(EventKind.RESOURCE, 1, 9, 9, 1, 0, "bad");
        e.inspect(List.of(new ResourceEvent(h, 1_000_000_000L, -5, 1, 0, 0, 0, 0, 1, Lifecycle.RUNNING),
                new ResourceEvent(h, 1_000_000_000L, 5, 1, 7777, 0, 0, 0, 1, Lifecycle.RUNNING),
                new ResourceEvent(h, 0, 5, 1, 0, 0, 0, 0, 1, Lifecycle.START)), alerts::add);
        assertEquals(1L, e.counters().get("rejected_negative"));
        assertEquals(1L, e.counters().get("rejected_nan"));
        assertEquals(1L, e.counters().get("skipped"));
        assertEquals(null, e.counters().get("vectors"));
        assertTrue(e.models().isEmpty(), "no model saw a vector: " + e.models());
    }

    @Test
    void openFeaturesNeverSeenWhileLearningFoldIntoOtherAndAreFlagged() {
        AnomalyEngine e = learned(quick());
        scored.clear();
        // op.1 and op.2 were learned; op.99 is new: its share goes to op.other, which never varied
        e.inspect(List.of(TestFamily.event(77, "odd", null, 20, 50_000, 99)), alerts::add);
        Scored s = scored.get(0);
        assertTrue(s.anomalous(), s.toString());
        assertEquals("op.other", s.top().get(0).feature());
        // a vector that lacks a learned open feature is ordinary
        e.inspect(List.of(TestFamily.event(78, "worker", null, 20, 50_000, 2)), alerts::add);
        assertFalse(scored.get(1).anomalous(), scored.get(1).toString());
    }

    @Test
    void relearningRetrainsOnUnflaggedVectorsAndKeepsTheFlaggedOnesOut() {
        AnomalyEngine e = learned(quick().withRelearn(20));
        assertEquals("SCORING", model(e, "process:global").state());
        for (int t = 0; t < 25; t++) {
            interval(e, null, 10);
            // a miner every interval: flagged each time, so never part of what the model learns next
            e.inspect(List.of(TestFamily.event(4711, "miner", null, 950, 50_000, 1)), alerts::add);
        }
        assertTrue(e.counters().get("relearnings") >= 1, e.counters().toString());
        assertEquals("re-learned", model(e, "process:global").note());
        scored.clear();
        e.inspect(List.of(TestFamily.event(4711, "miner", null, 950, 50_000, 1)), alerts::add);
        assertTrue(scored.get(0).anomalous(), "the miner was not learned as normal: " + scored.get(0));
    }

    @Test
    void lofLearnsFromAQuietServiceThatRepeatsOneVectorAndStillFlagsWhatIsNew() {
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> {
            AnomalyEngine e = engine(quick().withAlgorithm(EngineSettings.LOF));
            for (int t = 0; t < 30; t++) {   // the same vector every interval: no density to learn
                List<Event> batch = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    batch.add(TestFamily.event(100 + i, "idle", null, 5, 1000, 1));
                }
                e.inspect(batch, alerts::add);
                mono.addAndGet(1_000_000_000L);
                e.tick(alerts::add);
            }
            assertEquals("SCORING", model(e, "process:global").state());
            scored.clear();
            e.inspect(List.of(TestFamily.event(100, "idle", null, 5, 1000, 1)), alerts::add);
            assertFalse(scored.get(0).anomalous(), scored.get(0).toString());
            e.inspect(List.of(TestFamily.event(100, "idle", null, 400, 1000, 1)), alerts::add);
            assertTrue(scored.get(1).anomalous(), scored.get(1).toString());
        });
    }
}
