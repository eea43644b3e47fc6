package io.infrasight.sink.clickhouse.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infrasight.api.event.Event;
import io.infrasight.api.query.QueryResult;
import io.infrasight.store.common.GrafanaMacros;
import io.infrasight.store.common.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every panel of every dashboard in grafana/dashboards runs against a real ClickHouse 18.16 over
 * seeded data, with the plugin's macros expanded as the plugin expands them, and returns rows.
 */
class GrafanaPanelsTest {
    static final Path DASHBOARDS = Path.of("../../grafana/dashboards").toAbsolutePath().normalize();

    record PanelQuery(String dashboard, String panel, String sql) {
    }

    static List<PanelQuery> panelQueries() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<PanelQuery> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode d = json.readTree(f.toFile());
                for (JsonNode p : d.get("panels")) {
                    for (JsonNode t : p.get("targets")) {
                        out.add(new PanelQuery(d.get("title").asText(), p.get("title").asText(), t.get("rawSql").asText()));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyDashboardPanelQueryReturnsRowsOverSeededData() throws Exception {
        List<PanelQuery> queries = panelQueries();
        assertTrue(queries.size() >= 25, "panels found: " + queries.size());
        try (ClickHouseServer server = new ClickHouseServer("grafana")) {
            ClickHouseSink sink = new ClickHouseSink(Samples.config(ClickHouseSinkConfig.class, Map.of("url", server.url(),
                    "user", "infrasight", "password_file", server.passwordFile().toString(), "flush_interval_ms", 100)),
                    new Samples.Problems());
            try {
                long now = System.currentTimeMillis() / 1000;
                int stored = 0;
                for (String node : List.of("node-a", "node-b")) {
                    for (int minutesAgo : List.of(50, 20, 5)) {
                        List<Event> events = Samples.allKinds((now - minutesAgo * 60L) * 1_000_000_000L, node);
                        sink.onEvents(events);
                        sink.onAlerts(Samples.alerts((now - minutesAgo * 60L) * 1_000_000_000L, events.get(1)));
                        stored += events.size() + 2;
                    }
                }
                int expected = stored;
                ClickHouseSinkTest.waitFor(() -> sink.counters().get("stored") == expected);
                List<String> empty = new ArrayList<>();
                for (PanelQuery q : queries) {
                    String sql = GrafanaMacros.expand(q.sql(), GrafanaMacros.Dialect.CLICKHOUSE, now - 6 * 3600, now + 60, 60);
                    assertTrue(!sql.contains("$__"), "unexpanded macro in " + q.panel() + ": " + sql);
                    QueryResult r = sink.query(sql);
                    if (r.size() == 0) {
                        empty.add(q.dashboard() + " / " + q.panel());
                    }
                }
                assertEquals(List.of(), empty, "panels without rows");
            } finally {
                sink.deactivate();
            }
        }
    }
}
