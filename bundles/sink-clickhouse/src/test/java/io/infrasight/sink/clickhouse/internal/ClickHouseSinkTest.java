package io.infrasight.sink.clickhouse.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.event.Event;
import io.infrasight.api.query.QueryException;
import io.infrasight.api.query.QueryResult;
import io.infrasight.store.common.Rows;
import io.infrasight.store.common.Samples;
import io.infrasight.store.common.Table;
import io.infrasight.store.common.Tables;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real clickhouse-server 18.16 on 127.0.0.1, started by scripts/clickhouse. */
class ClickHouseSinkTest {
    static ClickHouseServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = new ClickHouseServer("sink");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    static ClickHouseSink sink(String database, Map<String, Object> more) {
        Map<String, Object> cfg = new HashMap<>(Map.of("url", server.url(), "user", "infrasight",
                "password_file", server.passwordFile().toString(), "database", database, "flush_interval_ms", 100));
        cfg.putAll(more);
        return new ClickHouseSink(Samples.config(ClickHouseSinkConfig.class, cfg), new Samples.Problems());
    }

    @Test
    void eventsOfEveryKindAndAlertsAreStoredAndReadBackFieldByField() throws Exception {
        ClickHouseSink sink = sink("rt", Map.of());
        List<String> acked = new java.util.concurrent.CopyOnWriteArrayList<>();
        sink.addAckReceiver(new io.infrasight.api.delivery.AckReceiver() {
            @Override
            public String sourceId() {
                return "kafka";
            }

            @Override
            public void acknowledge(String subscriberId, List<? extends Event> batch) {
                batch.forEach(e -> acked.add(subscriberId + ":" + e.kind().id()));
            }
        });
        try {
            long base = System.currentTimeMillis() * 1_000_000L + 123_456;
            List<Event> events = Samples.allKinds(base, "node-rt");
            List<Alert> alerts = Samples.alerts(base, events.get(1));
            sink.onEvents(events);
            sink.onAlerts(alerts);
            waitFor(() -> sink.counters().get("stored") == events.size() + alerts.size());

            Rows rows = new Rows();
            for (Event e : events) {
                Table t = Tables.forKind(e.kind());
                QueryResult r = sink.query("SELECT * FROM " + t.name() + " WHERE time_ns = " + e.header().timeNanos());
                assertEquals(1, r.size(), e.kind() + " rows");
                ReadBack.assertRow(rows.event(e), r, 0);
            }
            QueryResult a = sink.query("SELECT * FROM alerts ORDER BY time_ns");
            assertEquals(2, a.size());
            ReadBack.assertRow(rows.alert(alerts.get(0)), a, 0);
            ReadBack.assertRow(rows.alert(alerts.get(1)), a, 1);
            // the awkward values survive explicitly, not only through the generic comparison
            QueryResult exec = sink.query("SELECT argv, cwd, context FROM exec_events");
            assertEquals(List.of("ev\til", "--name='x y'", "line\nbreak", "ünïcødé ✓"),
                    ReadBack.parseArray((String) exec.rows().get(0).get(0)));
            assertEquals("/tmp/wörk", exec.rows().get(0).get(1));
            assertTrue(((String) exec.rows().get(0).get(2)).contains("\"labels\":[\"a\",\"b\\\"q\"]"));
            assertEquals(0L, sink.counters().get("dropped_buffer_full") + sink.counters().get("dropped_rejected"));
            // every stored event is acknowledged to replaying sources, under the sink's subscriber id; alerts are not events
            assertEquals(events.stream().map(e -> "sink-clickhouse:" + e.kind().id()).sorted().toList(),
                    acked.stream().sorted().toList());
        } finally {
            sink.deactivate();
        }
    }

    @Test
    void schemaIsCreatedFromNothingAndReappliedIdempotently() throws Exception {
        ClickHouseHttp http = server.http();
        http.execute("DROP DATABASE IF EXISTS schema_t");
        Schema schema = new Schema(http, "schema_t");
        ServerVersion v = schema.apply(30);
        assertEquals(18, v.major());
        Map<String, Set<String>> first = schema.columns();
        assertEquals(Tables.ALL.size(), first.size());
        for (Table t : Tables.ALL) {
            assertEquals(t.columns().size(), first.get(t.name()).size(), t.name());
        }
        schema.apply(30);
        assertEquals(first, schema.columns());
        // an older schema without a column is migrated, and the column lands where the model has it
        http.execute("ALTER TABLE schema_t.exec_events DROP COLUMN cwd");
        schema.apply(30);
        assertEquals(first, schema.columns());
        String order = http.execute("SELECT name FROM system.columns WHERE database = 'schema_t' AND table = 'exec_events'"
                + " FORMAT TabSeparated");
        assertTrue(order.contains("argv_truncated\ncwd\nexe_memfd"), order);
        String ddl = http.execute("SHOW CREATE TABLE schema_t.file_events FORMAT TabSeparatedRaw");
        assertTrue(ddl.contains("PARTITION BY toYYYYMMDD(time)"), ddl);
        assertTrue(ddl.contains("ORDER BY (node, kind, time, pid)"), ddl);
    }

    @Test
    void retentionDropsWholeDaysOlderThanConfiguredAndKeepsTheRest() throws Exception {
        ClickHouseSink sink = sink("ret", Map.of("retention_days", 7));
        try {
            long now = System.currentTimeMillis() * 1_000_000L;
            long day = 86_400_000_000_000L;
            sink.onEvents(Samples.allKinds(now - 10 * day, "old"));
            sink.onEvents(Samples.allKinds(now - 6 * day, "kept"));
            sink.onEvents(Samples.allKinds(now, "today"));
            waitFor(() -> sink.counters().get("stored") == 36);
            List<String> dropped = sink.dropExpiredNow(Instant.ofEpochMilli(now / 1_000_000));
            assertEquals(Tables.EVENT_TABLES.size(), dropped.size(), dropped.toString());
            QueryResult r = sink.query("SELECT node, count() AS n FROM file_events GROUP BY node ORDER BY node");
            assertEquals(List.of(List.of("kept", 2L), List.of("today", 2L)), r.rows());
            assertTrue(sink.dropExpiredNow(Instant.ofEpochMilli(now / 1_000_000)).isEmpty(), "idempotent");
        } finally {
            sink.deactivate();
        }
    }

    @Test
    void queriesThatWriteOrExceedTheirRowLimitOrTimeoutAreRefusedWithAClearError() throws Exception {
        ClickHouseSink sink = sink("refuse", Map.of("query_max_rows", 100));
        try {
            sink.onEvents(Samples.allKinds(System.currentTimeMillis() * 1_000_000L, "n"));
            waitFor(() -> sink.counters().get("stored") == 12);
            QueryException write = assertThrows(QueryException.class, () -> sink.query("INSERT INTO alerts SELECT * FROM alerts"));
            assertEquals(QueryException.Reason.NOT_READ_ONLY, write.reason());
            assertTrue(write.getMessage().startsWith("Refused: 'INSERT' statements"), write.getMessage());

            QueryException twoStatements = assertThrows(QueryException.class, () -> sink.query("SELECT 1; DROP DATABASE refuse"));
            assertEquals(QueryException.Reason.NOT_READ_ONLY, twoStatements.reason());

            QueryException limit = assertThrows(QueryException.class,
                    () -> sink.query("SELECT number FROM system.numbers LIMIT 1000"));
            assertEquals(QueryException.Reason.ROW_LIMIT, limit.reason(), limit.getMessage());
            assertTrue(limit.getMessage().contains("more than 100 rows"), limit.getMessage());
            assertEquals(100, sink.query("SELECT number FROM system.numbers LIMIT 100").size());

            QueryException slow = assertThrows(QueryException.class,
                    () -> sink.query("SELECT count() FROM system.numbers", 10, Duration.ofSeconds(1)));
            assertEquals(QueryException.Reason.TIMEOUT, slow.reason());
            assertTrue(slow.getMessage().contains("timeout of 1 s"), slow.getMessage());

            QueryException url = assertThrows(QueryException.class,
                    () -> sink.query("SELECT * FROM url('http://127.0.0.1:1/', CSV, 'a String')"));
            assertEquals(QueryException.Reason.NOT_READ_ONLY, url.reason());
            assertTrue(url.getMessage().contains("table function url()"), url.getMessage());
            // the server's own guard, for what the client-side checks let through
            QueryException numbers = assertThrows(QueryException.class, () -> sink.query("SELECT * FROM numbers(3)"));
            assertTrue(numbers.getMessage().contains("Table functions are forbidden in readonly mode"), numbers.getMessage());

            QueryException bad = assertThrows(QueryException.class, () -> sink.query("SELECT nope FROM alerts"));
            assertEquals(QueryException.Reason.FAILED, bad.reason());
            assertTrue(bad.getMessage().contains("nope"), bad.getMessage());
            assertFalse(bad.getMessage().contains(server.password()), "the password never appears in errors");
        } finally {
            sink.deactivate();
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
