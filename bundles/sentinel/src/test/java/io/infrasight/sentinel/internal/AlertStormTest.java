package io.infrasight.sentinel.internal;

import static io.infrasight.sentinel.internal.Ev.O_RDONLY;
import static io.infrasight.sentinel.internal.Ev.open;
import static io.infrasight.sentinel.internal.Ev.root;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.event.Event;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same behaviour 10k times: one alert per dedup window, and the count of what was held back. */
class AlertStormTest {
    private static final long SECOND = 1_000_000_000L;

    private static List<Event> storm(Ev.Proc p, int n) {
        List<Event> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(open(p, "/etc/shadow", O_RDONLY));
        }
        return events;
    }

    @Test
    void tenThousandRepeatsInOneWindowRaiseOneAlertThenOneSummaryWithTheSuppressedCount() throws Exception {
        Harness h = new Harness(60 * SECOND, 100);
        h.loadDefaultPack();
        h.sentinel.recompile();
        List<Event> events = storm(root("cat"), 10_000);
        for (int i = 0; i < events.size(); i += 256) {
            h.sentinel.inspect(events.subList(i, Math.min(i + 256, events.size())), h);
        }
        assertEquals(1, h.alerts.size(), "one alert while the window is open");
        assertEquals(0L, h.alerts.get(0).details().get("suppressed"));

        h.clock.addAndGet(30 * SECOND);
        h.sentinel.tick(h);
        assertEquals(1, h.alerts.size(), "no summary before the window ends");

        h.clock.addAndGet(31 * SECOND);
        h.sentinel.tick(h);
        assertEquals(2, h.alerts.size());
        Alert summary = h.alerts.get(1);
        assertEquals("read_sensitive_file_untrusted", summary.ruleId());
        assertEquals(9_999L, summary.details().get("suppressed"));
        assertEquals(Boolean.TRUE, summary.details().get("summary"));
        assertTrue(summary.message().contains("repeated 9999 more times"), summary.message());
        assertEquals(9_999L, h.sentinel.counters().get("suppressed"));
        assertEquals(10_000L, h.sentinel.counters().get("events_evaluated"), "every event was evaluated, none queued");

        h.sentinel.tick(h);
        assertEquals(2, h.alerts.size(), "a window is summarised once");
    }

    @Test
    void aStormOverThreeWindowsRaisesOneAlertPerWindow() throws Exception {
        Harness h = new Harness(10 * SECOND, 100);
        h.loadDefaultPack();
        h.sentinel.recompile();
        Ev.Proc p = root("cat");
        for (int w = 0; w < 3; w++) {
            h.sentinel.inspect(storm(p, 1000), h);
            h.clock.addAndGet(11 * SECOND);
            h.sentinel.tick(h);
        }
        long firsts = h.alerts.stream().filter(a -> Long.valueOf(0).equals(a.details().get("suppressed"))).count();
        long summaries = h.alerts.stream().filter(a -> a.details().containsKey("summary")).count();
        assertEquals(3, firsts);
        assertEquals(3, summaries);
        assertEquals(3 * 999L, h.alerts.stream().mapToLong(a -> (Long) a.details().get("suppressed")).sum());
    }

    @Test
    void differentProcessesAreDedupedSeparatelyButTheRuleIsRateLimited() throws Exception {
        Harness h = new Harness(60 * SECOND, 5);
        h.loadDefaultPack();
        h.sentinel.recompile();
        List<Event> events = new ArrayList<>();
        for (int pid = 1; pid <= 20; pid++) {
            Ev.Proc p = root("cat");
            events.add(open(new Ev.Proc("cat", 10_000 + pid, 1, 0, p.ctx()), "/etc/shadow", O_RDONLY));
        }
        h.sentinel.inspect(events, h);
        assertEquals(5, h.alerts.size(), "at most 5 alerts per rule per window");
        h.clock.addAndGet(61 * SECOND);
        h.sentinel.inspect(List.of(open(new Ev.Proc("cat", 99, 1, 0, root("cat").ctx()), "/etc/shadow", O_RDONLY)), h);
        Alert next = h.alerts.get(h.alerts.size() - 1);
        assertEquals(15L, next.details().get("rate_limited"), "the next alert reports what the limit held back");
    }

    @Test
    void stormOfTenThousandIsEvaluatedWithoutBacklog() throws Exception {
        Harness h = new Harness(60 * SECOND, 100);
        h.loadDefaultPack();
        h.sentinel.recompile();
        List<Event> events = storm(root("cat"), 10_000);
        long t0 = System.nanoTime();
        h.sentinel.inspect(events, h);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // not a timing assertion: a generous bound that only a per-event alert path (rendering,
        // publishing 10k alerts) or a blocking gate would break on a loaded machine
        assertTrue(ms < 5_000, "10k storm took " + ms + " ms");
        assertEquals(1, h.alerts.size());
    }
}
