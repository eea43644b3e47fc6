package io.infrasight.ml.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.Lifecycle;
import io.infrasight.api.event.ResourceEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregatorTest {
    static final long S = 1_000_000_000L;

    /** A record of {@code pid} taken by the probe at {@code time} (ns). */
    static Event e(int pid, long time) {
        return new ResourceEvent(EventHeader.of(EventKind.RESOURCE, time, pid, pid, 1, 0, "p"), S, 1, 0, 0, 0, 0, 0, 1,
                Lifecycle.RUNNING);
    }

    /** One harvest of {@code n} full-interval records for container "c" at {@code t}. */
    static List<Aggregator.Sum> harvest(Aggregator a, long t, int n) {
        List<Aggregator.Sum> closed = List.of();
        for (int i = 0; i < n; i++) {
            List<Aggregator.Sum> c = a.add("c", "img", Map.of("x", 1.0), 1.0, e(100 + i, t), t);
            closed = c.isEmpty() ? closed : c;
        }
        return closed;
    }

    @Test
    void aWindowIsOneHarvestAndRecordsOfExitingProcessesJoinTheNextOneInsteadOfCuttingIt() {
        Aggregator a = new Aggregator();
        for (int k = 0; k < 20; k++) {
            harvest(a, k * S, 5);   // learn the 1 s interval
        }
        assertEquals(1.0, a.interval());
        a.closeIfDue(20 * S);
        // between harvests, two short-lived processes exit: 10 ms and 40 ms records
        assertTrue(a.add("c", "img", Map.of("x", 1.0), 0.01, e(900, 20 * S + 300_000_000L), 20 * S + 300_000_000L).isEmpty());
        assertTrue(a.add("c", "img", Map.of("x", 1.0), 0.04, e(901, 20 * S + 700_000_000L), 20 * S + 700_000_000L).isEmpty());
        assertTrue(a.closeIfDue(20 * S + 900_000_000L).isEmpty(), "partial records open no window");
        harvest(a, 21 * S, 5);
        List<Aggregator.Sum> closed = a.closeIfDue(21 * S + 600_000_000L);
        Aggregator.Sum c = closed.stream().filter(s -> s.instance.equals("c")).findFirst().orElseThrow();
        assertEquals(7, c.processes, "the harvest's five and the two exits");
        assertEquals("img", c.container, "the key of its models");
        assertTrue(c.pids.containsAll(List.of(900, 901, 100, 104)));
        assertEquals(1.0, c.seconds, "rates over the probe's interval, not a member's partial one");
        assertEquals(7.0, c.raw.get("x"));
        Aggregator.Sum host = closed.stream().filter(s -> s.container.equals(Aggregator.HOST)).findFirst()
                .orElseThrow();
        assertEquals(7, host.processes);
    }

    @Test
    void theIntervalIsTheLongestRecordEvenWhenAStormOfShortLivedProcessesOutnumbersTheHarvest() {
        Aggregator a = new Aggregator();
        long t = 0;
        int windows = 0;
        for (int k = 0; k < 20; k++) {
            windows += a.closeIfDue(t).isEmpty() ? 0 : 1;
            harvest(a, t, 3);
            for (int i = 0; i < 200; i++) {   // 200 exits of 2 ms processes between harvests
                t += 4_000_000L;
                windows += a.add("c", "img", Map.of("x", 1.0), 0.002, e(5000 + i, t), t).isEmpty() ? 0 : 1;
            }
            t = (k + 1) * S;
        }
        assertEquals(1.0, a.interval());
        assertTrue(windows >= 18 && windows <= 20, "one window per harvest, not per exit: " + windows);
    }

    @Test
    void aDetectorThatLagsBehindItsQueueStillSumsEachHarvestByTheEventsOwnTime() {
        Aggregator a = new Aggregator();
        List<Aggregator.Sum> closed = new java.util.ArrayList<>();
        // ten harvests of 4 records each, all handed over in one burst a minute later
        for (int k = 0; k < 10; k++) {
            for (int i = 0; i < 4; i++) {
                closed.addAll(a.add("c", "img", Map.of("x", 1.0), 1.0, e(100 + i, k * S), 60 * S));
            }
        }
        closed.addAll(a.closeIfDue(61 * S));
        List<Aggregator.Sum> c = closed.stream().filter(s -> s.instance.equals("c")).toList();
        assertEquals(10, c.size(), "one window per harvest");
        assertTrue(c.stream().allMatch(s -> s.processes == 4), "each with its own harvest's records");
    }
}
