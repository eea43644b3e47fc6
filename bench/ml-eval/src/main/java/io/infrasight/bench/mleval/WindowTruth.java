package io.infrasight.bench.mleval;

import io.infrasight.api.event.ContextKeys;
import io.infrasight.api.event.Event;
import io.infrasight.ml.FeatureFamily;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ground truth for one engine's aggregate (container and host) vectors: which anomalies had a process
 * vector in the aggregation window a decision is about.
 *
 * <p>The engine sums the process vectors it is fed between window closures, and a window closes on
 * the first vector or tick once half an interval has passed (ml-core's Aggregator), judged by the
 * engine's monotonic clock. The harness gives each engine a clock that only moves between calls, so a
 * window can only close at the start of an {@code inspect} or in a {@code tick}: the aggregates decided
 * during a call then cover exactly what was fed before that call and since the previous closure. That
 * is what {@link #before}, {@link #label} and {@link #after} track, per engine (each engine has its own
 * windows and sees only its family's events). Not thread-safe: one feeding thread.
 */
final class WindowTruth {
    private final FeatureFamily family;
    private final Labels labels;
    /** container key ("host" for the host vector) -> anomaly, in the open window. */
    private Map<String, String> open = new HashMap<>();
    private Map<String, String> closing = Map.of();
    private boolean closed;

    WindowTruth(FeatureFamily family, Labels labels) {
        this.family = family;
        this.labels = labels;
    }

    /** Called before each inspect or tick of the engine. */
    void before() {
        closing = open;
        closed = false;
    }

    /** The anomaly in the closing window's vector of {@code containerKey} ("host": any), or null. */
    String label(String containerKey) {
        closed = true;
        return closing.get(containerKey);
    }

    /** Called after each call with what it fed (empty for a tick). */
    void after(List<Event> fed) {
        if (closed) {
            open = new HashMap<>();
        }
        for (Event e : fed) {
            Labels.Group g = labels.group(e);
            if (g != null && g.anomaly() != null && e.kind() == family.kind() && !family.raw(e).isEmpty()) {
                open.put(g.image(), g.anomaly());
                open.put(ContextKeys.HOST, g.anomaly());
            }
        }
    }
}
