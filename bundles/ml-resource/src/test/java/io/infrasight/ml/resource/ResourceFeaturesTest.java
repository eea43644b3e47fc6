package io.infrasight.ml.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.Lifecycle;
import io.infrasight.api.event.ResourceEvent;
import io.infrasight.ml.Level;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResourceFeaturesTest {
    final ResourceFeatures f = new ResourceFeatures();

    static ResourceEvent event(long intervalNs, long cpuNs, Lifecycle lc) {
        return new ResourceEvent(EventHeader.of(EventKind.RESOURCE, 1, 7, 7, 1, 0, "x"), intervalNs, cpuNs, 10, 1,
                3L << 20, 2048, 1024, 4, 6, lc);
    }

    @Test
    void aProcessVectorKeepsAmountsPerIntervalAndTheIntervalLength() {
        ResourceEvent e = event(2_000_000_000L, 500_000_000L, Lifecycle.RUNNING);
        Map<String, Double> x = f.features(f.raw(e), f.intervalSeconds(e), 1, Level.PROCESS);
        assertEquals(Math.log1p(500), x.get("cpu_ms"), 1e-9, "500 ms of CPU in the interval");
        assertEquals(0.25, x.get("cpu_share"), 1e-9, "a quarter of one CPU over 2 s");
        assertEquals(Math.log1p(2), x.get("read_kib"), 1e-9);
        assertEquals(Math.log1p(3), x.get("rss_mib"), 1e-9);
        assertEquals(Math.log1p(2), x.get("interval_s"), 1e-9);
        assertEquals(Math.log1p(6), x.get("forks"), 1e-9, "the processes it started in the interval");
        assertTrue(!x.containsKey("processes"), "process counts belong to aggregates");
        assertTrue(f.fixedFeatures().containsAll(x.keySet()), x.keySet().toString());
    }

    @Test
    void containerSumsBecomeRatesWithProcessCountsAndStartsAndExits() {
        Map<String, Double> raw = new java.util.HashMap<>(f.raw(event(1_000_000_000L, 100_000_000L, Lifecycle.START)));
        f.raw(event(1_000_000_000L, 300_000_000L, Lifecycle.EXIT)).forEach((k, v) -> raw.merge(k, v, Double::sum));
        Map<String, Double> x = f.features(raw, 1.0, 2, Level.CONTAINER);
        assertEquals(Math.log1p(400), x.get("cpu_ms"), 1e-9, "ms of CPU per second over both");
        assertEquals(Math.log1p(2), x.get("processes"), 1e-9);
        assertEquals(Math.log1p(1), x.get("starts_per_s"), 1e-9);
        assertEquals(Math.log1p(1), x.get("exits_per_s"), 1e-9);
        assertEquals(Math.log1p(12), x.get("forks"), 1e-9, "forks per second over both");
    }

    @Test
    void anEventWithoutAnIntervalCarriesNoVector() {
        assertTrue(f.raw(event(0, 5, Lifecycle.START)).isEmpty());
    }
}
