package io.infrasight.ml.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.SyscallFrequencyEvent;
import io.infrasight.ml.AnomalyEngine;
import io.infrasight.ml.EngineSettings;
import io.infrasight.ml.Level;
import io.infrasight.ml.Scored;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The syscall family in a real engine with real Weka models: syscall ids the models never saw, or lack. */
class SyscallModelsTest {
    @TempDir
    Path dir;

    final AtomicLong mono = new AtomicLong(1);
    final List<Scored> scored = new ArrayList<>();
    final Random rnd = new Random(5);

    static SyscallFrequencyEvent event(int pid, Map<Integer, Long> counts) {
        return new SyscallFrequencyEvent(EventHeader.of(EventKind.SYSCALL_FREQUENCY, 1, pid, pid, 1, 0, "svc"),
                1_000_000_000L, counts);
    }

    /** A service's usual mix: read, write, epoll_wait (0, 1, 232) and sometimes close (3). */
    Map<Integer, Long> usual() {
        Map<Integer, Long> m = new HashMap<>();
        m.put(0, 100L + rnd.nextInt(20));
        m.put(1, 50L + rnd.nextInt(10));
        m.put(232, 30L + rnd.nextInt(5));
        if (rnd.nextBoolean()) {
            m.put(3, 5L);
        }
        return m;
    }

    AnomalyEngine learned() {
        AnomalyEngine e = new AnomalyEngine(new SyscallFeatures(), EngineSettings.defaults().withLearning(5, 100), dir,
                scored::add, mono::get, System::nanoTime);
        for (int t = 0; t < 30; t++) {
            List<Event> batch = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                batch.add(event(100 + i, usual()));
            }
            e.inspect(batch, null);
            mono.addAndGet(1_000_000_000L);
            e.tick(null);
        }
        return e;
    }

    Scored last() {
        return scored.stream().filter(s -> s.level() == Level.PROCESS).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void aSyscallNeverSeenWhileLearningIsFlaggedAsOtherAndMissingOnesAreJustZero() {
        AnomalyEngine e = learned();
        assertTrue(e.models().stream().anyMatch(m -> m.key().equals("process:global") && m.state().equals("SCORING")));
        Map<Integer, Long> withPtrace = usual();
        withPtrace.put(101, 40L); // ptrace: never used by this service
        e.inspect(List.of(event(4711, withPtrace)), null);
        Scored s = last();
        assertTrue(s.anomalous(), s.toString());
        assertTrue(s.top().stream().anyMatch(c -> c.feature().equals("sys.other")), s.top().toString());
        e.inspect(List.of(event(4712, Map.of(0, 100L, 1, 50L, 232, 30L))), null); // close (3) missing: fine
        assertFalse(last().anomalous(), last().toString());
        assertEquals(0L, e.counters().getOrDefault("scoring_errors", 0L));
    }

    @Test
    void aNegativeCountIsRejectedAndCountedNotLearned() {
        AnomalyEngine e = learned();
        long before = e.counters().getOrDefault("vectors", 0L);
        e.inspect(List.of(event(9, Map.of(0, -3L))), null);
        assertEquals(1L, e.counters().get("rejected_negative"));
        assertEquals(before, e.counters().get("vectors"));
    }
}
