package io.infrasight.ops.internal.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.status.BusStatus;
import io.infrasight.api.status.SubscriberStatus;
import io.infrasight.ops.internal.Fixtures;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusMetricsTest {

    private static String scrape(BusStatus s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new StatusMetrics().write(out, s);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void has(String text, String line) {
        assertTrue(text.lines().anyMatch(line::equals), () -> "missing line: " + line + "\n" + text);
    }

    @Test
    void rendersSourceMetrics() throws Exception {
        String t = scrape(Fixtures.status());
        has(t, "# TYPE infrasight_source_events_published_total counter");
        has(t, "infrasight_source_events_published_total{source=\"exec\"} 1000.0");
        has(t, "infrasight_source_up{source=\"exec\",state=\"RUNNING\"} 1.0");
        has(t, "infrasight_source_up{source=\"open\",state=\"FAILED\"} 0.0");
        has(t, "infrasight_source_counter_total{counter=\"kernel_drops\",source=\"exec\"} 3.0");
        has(t, "infrasight_events_published_total 1234.0");
    }

    @Test
    void rendersSubscriberMetricsWithDropsPerReason() throws Exception {
        String t = scrape(Fixtures.status());
        has(t, "infrasight_subscriber_events_delivered_total{subscriber=\"jsonl\",type=\"events\"} 1229.0");
        has(t, "infrasight_subscriber_events_dropped_total{reason=\"queue_full\",subscriber=\"jsonl\",type=\"events\"} 5.0");
        has(t, "infrasight_subscriber_events_dropped_total{reason=\"subscriber_error\",subscriber=\"jsonl\",type=\"events\"} 1.0");
        has(t, "infrasight_subscriber_queue_depth{subscriber=\"jsonl\"} 3.0");
        has(t, "infrasight_subscriber_queue_capacity{subscriber=\"jsonl\"} 65536.0");
        has(t, "infrasight_subscriber_failures_total{subscriber=\"jsonl\",type=\"events\"} 1.0");
        has(t, "# TYPE infrasight_subscriber_queue_depth gauge");
    }

    @Test
    void rendersEnricherAndConfigMetrics() throws Exception {
        String t = scrape(Fixtures.status());
        has(t, "infrasight_enricher_calls_total{enricher=\"process-tree\"} 1234.0");
        has(t, "infrasight_enricher_errors_total{enricher=\"process-tree\"} 2.0");
        has(t, "infrasight_enricher_slow_calls_total{enricher=\"process-tree\"} 7.0");
        has(t, "infrasight_enricher_call_mean_seconds{enricher=\"process-tree\"} 1.5E-6");
        has(t, "infrasight_config_problems 1.0");
        has(t, "infrasight_uptime_seconds 65.0");
    }

    @Test
    void escapesLabelValuesAndSurvivesDuplicateIds() throws Exception {
        SubscriberStatus odd = new SubscriberStatus("a\"b", "events", List.of(), 8, 0, 2, 0, Map.of(), 0);
        SubscriberStatus twin = new SubscriberStatus("a\"b", "events", List.of(), 8, 0, 3, 0, Map.of(), 0);
        String t = scrape(new BusStatus(0, 0, 0, List.of(), List.of(), List.of(odd, twin), List.of()));
        has(t, "infrasight_subscriber_events_delivered_total{subscriber=\"a\\\"b\",type=\"events\"} 5.0");
    }

    @Test
    void emptyStatusStillHasTheUnlabelledSeries() throws Exception {
        String t = scrape(new BusStatus(0, 0, 0, List.of(), List.of(), List.of(), List.of()));
        has(t, "infrasight_config_problems 0.0");
        has(t, "infrasight_events_published_total 0.0");
    }

    @Test
    void rendersCountersOfComponentsThatAreNotSources() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new StatusMetrics().write(out, Fixtures.status(), Map.of("ml-resource", Map.of("anomalies", 7L, "vectors", 900L),
                "sink-kafka", Map.of("spool_bytes", 4096L)));
        String t = out.toString(StandardCharsets.UTF_8);
        has(t, "# TYPE infrasight_component_value gauge");
        has(t, "infrasight_component_value{component=\"ml-resource\",name=\"anomalies\"} 7.0");
        has(t, "infrasight_component_value{component=\"sink-kafka\",name=\"spool_bytes\"} 4096.0");
    }
}
