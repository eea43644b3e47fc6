package io.infrasight.store.embedded.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.infrasight.api.alert.Alert;
import io.infrasight.api.event.Event;
import io.infrasight.api.query.QueryException;
import io.infrasight.api.query.QueryResult;
import io.infrasight.store.common.Column;
import io.infrasight.store.common.GrafanaMacros;
import io.infrasight.store.common.Row;
import io.infrasight.store.common.Rows;
import io.infrasight.store.common.Samples;
import io.infrasight.store.common.Table;
import io.infrasight.store.common.Tables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store on a real DuckDB database file. */
class EmbeddedStoreTest {
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]")
            .withZone(ZoneOffset.UTC);

    @TempDir
    Path dir;

    EmbeddedStore store(Map<String, Object> more) throws Exception {
        Map<String, Object> cfg = new HashMap<>(Map.of("directory", dir.toString(), "flush_interval_ms", 100));
        cfg.putAll(more);
        EmbeddedStore s = new EmbeddedStore(Samples.config(EmbeddedStoreConfig.class, cfg), new Samples.Problems());
        waitFor(s::isOpen);
        return s;
    }

    @Test
    void eventsOfEveryKindAndAlertsAreStoredAndReadBackFieldByField() throws Exception {
        EmbeddedStore store = store(Map.of());
        try {
            long base = System.currentTimeMillis() * 1_000_000L + 123_456;
            List<Event> events = Samples.allKinds(base, "node-rt");
            List<Alert> alerts = Samples.alerts(base, events.get(1));
            store.onEvents(events);
            store.onAlerts(alerts);
            waitFor(() -> store.counters().get("stored") == events.size() + alerts.size());
            Rows rows = new Rows();
            for (Event e : events) {
                Table t = Tables.forKind(e.kind());
                QueryResult r = store.query("SELECT * FROM infrasight." + t.name() + " WHERE time_ns = " + e.header().timeNanos());
                assertEquals(1, r.size(), e.kind() + " rows");
                assertRow(rows.event(e), r, 0);
            }
            QueryResult a = store.query("SELECT * FROM infrasight.alerts ORDER BY time_ns");
            assertEquals(2, a.size());
            assertRow(rows.alert(alerts.get(0)), a, 0);
            assertRow(rows.alert(alerts.get(1)), a, 1);
            // ClickHouse's has() works here too, so one query finds an exec by its arguments on both stores
            assertEquals(List.of(List.of("bash")),
                    store.query("SELECT comm FROM infrasight.exec_events WHERE has(argv, '--name=''x y''')").rows());
        } finally {
            store.deactivate();
        }
    }

    static void assertRow(Row expected, QueryResult result, int index) {
        List<Object> actual = result.rows().get(index);
        for (int i = 0; i < expected.table().columns().size(); i++) {
            Column c = expected.table().columns().get(i);
            Object want = expected.values()[i];
            Object got = actual.get(result.columns().indexOf(c.name()));
            String where = expected.table().name() + "." + c.name();
            switch (c.type()) {
                case TIME -> assertEquals(MICROS.format(Instant.ofEpochSecond(0, (Long) want / 1000 * 1000)), got, where);
                case INT32 -> assertEquals(((Integer) want).longValue(), got, where);
                case INT64 -> assertEquals(want, got, where);
                case BOOL -> assertEquals(((Boolean) want) ? 1L : 0L, got, where);
                case STRING, STRING_ARRAY -> assertEquals(want, got, where);
                case INT32_ARRAY -> assertEquals(java.util.Arrays.stream((int[]) want).mapToObj(x -> (Object) (long) x).toList(), got, where);
                case INT64_ARRAY -> assertEquals(java.util.Arrays.stream((long[]) want).mapToObj(x -> (Object) x).toList(), got, where);
            }
        }
    }

    @Test
    void dataAndSchemaSurviveARestartAndTheSchemaIsReappliedIdempotently() throws Exception {
        EmbeddedStore first = store(Map.of());
        first.onEvents(Samples.allKinds(System.currentTimeMillis() * 1_000_000L, "n1"));
        waitFor(() -> first.counters().get("stored") == 12);
        QueryResult columnsBefore = first.query("SELECT table_name, count(*) AS n FROM information_schema.columns"
                + " WHERE table_schema = 'infrasight' GROUP BY table_name ORDER BY table_name");
        first.deactivate();
        EmbeddedStore second = store(Map.of());
        try {
            assertEquals(columnsBefore.rows(), second.query("SELECT table_name, count(*) AS n FROM information_schema.columns"
                    + " WHERE table_schema = 'infrasight' GROUP BY table_name ORDER BY table_name").rows());
            assertEquals(Tables.ALL.size(), columnsBefore.size());
            assertEquals(List.of(List.of(2L)), second.query("SELECT count(*) FROM infrasight.file_events").rows());
            assertTrue(Files.exists(dir.resolve("events.duckdb")));
        } finally {
            second.deactivate();
        }
    }

    @Test
    void retentionDeletesWholeDaysOlderThanConfiguredAndKeepsTheRest() throws Exception {
        EmbeddedStore store = store(Map.of("retention_days", 7));
        try {
            long now = System.currentTimeMillis() * 1_000_000L;
            long day = 86_400_000_000_000L;
            store.onEvents(Samples.allKinds(now - 10 * day, "old"));
            store.onEvents(Samples.allKinds(now - 6 * day, "kept"));
            store.onEvents(Samples.allKinds(now, "today"));
            waitFor(() -> store.counters().get("stored") == 36);
            assertEquals(12, store.dropExpiredNow(Instant.ofEpochMilli(now / 1_000_000)));
            assertEquals(List.of(List.of("kept", 2L), List.of("today", 2L)),
                    store.query("SELECT node, count(*) FROM infrasight.file_events GROUP BY node ORDER BY node").rows());
            assertEquals(0, store.dropExpiredNow(Instant.ofEpochMilli(now / 1_000_000)));
        } finally {
            store.deactivate();
        }
    }

    @Test
    void everyDashboardPanelQueryReturnsRowsWithTheSameSqlAsClickHouse() throws Exception {
        EmbeddedStore store = store(Map.of());
        try {
            long now = System.currentTimeMillis() / 1000;
            int stored = 0;
            for (String node : List.of("node-a", "node-b")) {
                for (int minutesAgo : List.of(50, 20, 5)) {
                    List<Event> events = Samples.allKinds((now - minutesAgo * 60L) * 1_000_000_000L, node);
                    store.onEvents(events);
                    store.onAlerts(Samples.alerts((now - minutesAgo * 60L) * 1_000_000_000L, events.get(1)));
                    stored += events.size() + 2;
                }
            }
            int expected = stored;
            waitFor(() -> store.counters().get("stored") == expected);
            ObjectMapper json = new ObjectMapper();
            List<String> empty = new ArrayList<>();
            int panels = 0;
            try (Stream<Path> files = Files.list(Path.of("../../grafana/dashboards"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    for (JsonNode p : json.readTree(f.toFile()).get("panels")) {
                        for (JsonNode t : p.get("targets")) {
                            // the very text ClickHouse gets, macros expanded as the Grafana plugin does
                            String sql = GrafanaMacros.expand(t.get("rawSql").asText(), GrafanaMacros.Dialect.CLICKHOUSE,
                                    now - 6 * 3600, now + 60, 60);
                            panels++;
                            if (store.query(sql).size() == 0) {
                                empty.add(f.getFileName() + " / " + p.get("title").asText());
                            }
                        }
                    }
                }
            }
            assertTrue(panels >= 25, "panels " + panels);
            assertEquals(List.of(), empty, "panels without rows");
        } finally {
            store.deactivate();
        }
    }

    @Test
    void queriesThatWriteReadFilesOrExceedTheirRowLimitOrTimeoutAreRefusedWithAClearError() throws Exception {
        EmbeddedStore store = store(Map.of("query_max_rows", 100));
        try {
            QueryException write = assertThrows(QueryException.class, () -> store.query("DELETE FROM infrasight.alerts"));
            assertEquals(QueryException.Reason.NOT_READ_ONLY, write.reason());
            assertTrue(write.getMessage().startsWith("Refused: 'DELETE' statements"), write.getMessage());

            QueryException file = assertThrows(QueryException.class, () -> store.query("SELECT * FROM read_csv('/etc/passwd')"));
            assertEquals(QueryException.Reason.FAILED, file.reason());
            assertTrue(file.getMessage().contains("disabled by configuration"), file.getMessage());

            QueryException limit = assertThrows(QueryException.class, () -> store.query("SELECT * FROM range(1000)"));
            assertEquals(QueryException.Reason.ROW_LIMIT, limit.reason());
            assertTrue(limit.getMessage().contains("more than 100 rows"), limit.getMessage());
            assertEquals(100, store.query("SELECT * FROM range(100)").size());

            long start = System.nanoTime();
            QueryException slow = assertThrows(QueryException.class,
                    () -> store.query("SELECT count(*) FROM range(100000000000) a", 10, Duration.ofSeconds(1)));
            assertEquals(QueryException.Reason.TIMEOUT, slow.reason(), slow.getMessage());
            assertTrue(System.nanoTime() - start < 30_000_000_000L, "cancelled, not run to the end");
        } finally {
            store.deactivate();
        }
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(20);
        }
    }
}
