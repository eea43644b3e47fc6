package io.infrasight.ops.internal.metrics;

import io.infrasight.api.status.BusStatus;
import io.infrasight.api.status.EnricherStatus;
import io.infrasight.api.status.SourceStatus;
import io.infrasight.api.status.SubscriberStatus;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Prometheus metrics over one {@link BusStatus} per scrape. Every metric is a callback metric that
 * reads the snapshot taken for the scrape in progress, so all values in one scrape agree with each
 * other. The names are documented in docs/metrics.md.
 */
public final class StatusMetrics {
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Object scrapeLock = new Object();
    private BusStatus current; // guarded by scrapeLock
    private Map<String, Map<String, Long>> components = Map.of(); // guarded by scrapeLock

    public StatusMetrics() {
        // The client reads prometheus.properties through the context class loader; make it one that exists.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(StatusMetrics.class.getClassLoader());
        try {
            register();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public void write(OutputStream out, BusStatus status) throws IOException {
        write(out, status, Map.of());
    }

    /**
     * @param componentCounters counters of components that are not sources (CounterSource services:
     *                          transports, stores, anomaly engines), by component id
     */
    public void write(OutputStream out, BusStatus status, Map<String, Map<String, Long>> componentCounters)
            throws IOException {
        MetricSnapshots snapshots;
        synchronized (scrapeLock) {
            current = status;
            components = componentCounters;
            try {
                snapshots = registry.scrape();
            } finally {
                current = null;
                components = Map.of();
            }
        }
        writer.write(out, snapshots);
    }

    private void register() {
        counter("infrasight_events_published_total", "Events published by all sources since the bus started.",
                (s, x) -> x.add(s.published()));
        gauge("infrasight_uptime_seconds", "Seconds since the bus started.",
                (s, x) -> x.add(s.uptimeMillis() / 1000.0));

        counter("infrasight_source_events_published_total", "Events published by a source.",
                each(BusStatus::sources, (v, x) -> x.add(v.published(), v.id())), "source");
        gauge("infrasight_source_up", "1 when the source is RUNNING, else 0; the state label says which.",
                each(BusStatus::sources, (v, x) -> x.add("RUNNING".equals(v.state()) ? 1 : 0, v.id(), v.state())),
                "source", "state");
        counter("infrasight_source_counter_total", "Source-specific counters (kernel drops, filtered, decode errors).",
                each(BusStatus::sources, StatusMetrics::sourceCounters), "source", "counter");

        counter("infrasight_enricher_calls_total", "Events passed through an enricher.",
                each(BusStatus::enrichers, (v, x) -> x.add(v.calls(), v.id())), "enricher");
        counter("infrasight_enricher_errors_total", "Enricher calls that threw; the event went on unenriched.",
                each(BusStatus::enrichers, (v, x) -> x.add(v.errors(), v.id())), "enricher");
        counter("infrasight_enricher_slow_calls_total", "Enricher calls over the configured time budget.",
                each(BusStatus::enrichers, (v, x) -> x.add(v.slow(), v.id())), "enricher");
        gauge("infrasight_enricher_call_mean_seconds", "Mean time per enricher call since it was bound.",
                each(BusStatus::enrichers, (v, x) -> x.add(v.avgNanos() / 1e9, v.id())), "enricher");

        counter("infrasight_subscriber_events_delivered_total", "Items handed to a subscriber.",
                each(BusStatus::subscribers, (v, x) -> x.add(v.delivered(), v.id(), v.type())), "subscriber", "type");
        counter("infrasight_subscriber_events_dropped_total", "Items dropped before reaching a subscriber, by reason.",
                each(BusStatus::subscribers, StatusMetrics::drops), "subscriber", "type", "reason");
        counter("infrasight_subscriber_failures_total", "Calls into a subscriber that threw.",
                each(BusStatus::subscribers, (v, x) -> x.add(v.failures(), v.id(), v.type())), "subscriber", "type");
        gauge("infrasight_subscriber_queue_depth", "Items waiting in a subscriber's queue.",
                each(BusStatus::subscribers, (v, x) -> x.add(v.depth(), v.id())), "subscriber");
        gauge("infrasight_subscriber_queue_capacity", "Capacity of a subscriber's queue.",
                each(BusStatus::subscribers, (v, x) -> x.add(v.capacity(), v.id())), "subscriber");

        // Totals and levels side by side (CounterSource says which is which by name), hence a gauge.
        gauge("infrasight_component_value", "Counters and levels of components that are not sources: transports, "
                + "stores, anomaly models (totals since activation, or current levels such as spool bytes).",
                (s, x) -> components.forEach((id, counters) -> counters.forEach((name, v) -> x.add(v, id, name))),
                "component", "name");
        gauge("infrasight_config_problems", "Configuration values rejected (see the status API for which).",
                (s, x) -> x.add(s.configProblems().size()));
    }

    private static void sourceCounters(SourceStatus v, Samples x) {
        for (Map.Entry<String, Long> c : v.counters().entrySet()) {
            x.add(c.getValue(), v.id(), c.getKey());
        }
    }

    private static void drops(SubscriberStatus v, Samples x) {
        for (Map.Entry<String, Long> d : v.dropped().entrySet()) {
            x.add(d.getValue(), v.id(), v.type(), d.getKey());
        }
    }

    private static <T> BiConsumer<BusStatus, Samples> each(Function<BusStatus, java.util.List<T>> list,
            BiConsumer<T, Samples> perItem) {
        return (s, x) -> list.apply(s).forEach(item -> perItem.accept(item, x));
    }

    private void counter(String name, String help, BiConsumer<BusStatus, Samples> read, String... labels) {
        CounterWithCallback.builder().name(name).help(help).labelNames(labels)
                .callback(cb -> collect(read).forEach((v, l) -> cb.call(v, l))).register(registry);
    }

    private void gauge(String name, String help, BiConsumer<BusStatus, Samples> read, String... labels) {
        GaugeWithCallback.builder().name(name).help(help).labelNames(labels)
                .callback(cb -> collect(read).forEach((v, l) -> cb.call(v, l))).register(registry);
    }

    private Samples collect(BiConsumer<BusStatus, Samples> read) {
        Samples x = new Samples();
        BusStatus s = current; // only called from registry.scrape() under scrapeLock
        if (s != null) {
            read.accept(s, x);
        }
        return x;
    }
}
