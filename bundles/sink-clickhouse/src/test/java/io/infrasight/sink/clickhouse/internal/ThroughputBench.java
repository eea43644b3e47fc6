package io.infrasight.sink.clickhouse.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.infrasight.api.event.Context;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.OpenEvent;
import io.infrasight.store.common.Samples;
import io.infrasight.store.common.Tables;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Sink throughput next to a plain HTTP RowBinary insert of the same rows, in the same run, against
 * the same server. Not a unit test: run with
 * {@code mvn -f bundles/sink-clickhouse/pom.xml test -Dtest=ThroughputBench -Dinfrasight.bench=true}.
 * The plain insert is the floor any client pays (encode, POST, server parse and write); the sink adds
 * its hand-off, row building, JSON context and batching thread.
 */
@EnabledIfSystemProperty(named = "infrasight.bench", matches = "true")
class ThroughputBench {
    static final int ROWS = Integer.getInteger("infrasight.bench.rows", 500_000);
    static final int BATCH = 20_000;
    static final int ROUNDS = 3;

    static List<Event> events(long base) {
        List<Event> l = new ArrayList<>(ROWS);
        Context ctx = Context.EMPTY.with("container.id", "3f1c2a9be0d4").with("user.name", "www-data");
        for (int i = 0; i < ROWS; i++) {
            EventHeader h = new EventHeader(EventKind.OPEN, base + i * 1000L, 1_000_000L + i, 1000 + i % 500, 1000 + i % 500,
                    1, 33, 33, 33, 4242, "nginx", 12, 800 + i % 100, "node-1", ctx);
            l.add(new OpenEvent(h, "/var/www/html/assets/img/" + (i % 1000) + ".png", 0x80000, 0, "openat"));
        }
        return l;
    }

    @Test
    void sinkRowsPerSecondNextToPlainHttpRowBinary() throws Exception {
        try (ClickHouseServer server = new ClickHouseServer("bench")) {
            ClickHouseHttp http = server.http();
            new Schema(http, "bench_plain").apply(0);
            List<Event> events = events(System.currentTimeMillis() * 1_000_000L);
            double[] plain = new double[ROUNDS];
            double[] sink = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                plain[round] = plain(http, events);
                sink[round] = sink(server, events, round);
                System.out.printf("round %d: plain HTTP RowBinary %,.0f rows/s, sink %,.0f rows/s%n", round, plain[round],
                        sink[round]);
            }
            Arrays.sort(plain);
            Arrays.sort(sink);
            System.out.printf("BENCH clickhouse rows=%d batch=%d: plain median %,.0f rows/s, sink median %,.0f rows/s, "
                    + "ratio %.2f%n", ROWS, BATCH, plain[ROUNDS / 2], sink[ROUNDS / 2], sink[ROUNDS / 2] / plain[ROUNDS / 2]);
            String count = http.execute("SELECT count() FROM bench_plain.file_events").strip();
            assertEquals(Long.toString((long) ROWS * ROUNDS), count);
        }
    }

    /** Encodes straight from the events, no intermediate rows, and POSTs each batch synchronously. */
    static double plain(ClickHouseHttp http, List<Event> events) throws Exception {
        String insert = "INSERT INTO bench_plain.file_events (" + Tables.FILE.columnList() + ") FORMAT RowBinary";
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 << 20);
        long start = System.nanoTime();
        for (int from = 0; from < events.size(); from += BATCH) {
            out.reset();
            for (Event e : events.subList(from, Math.min(events.size(), from + BATCH))) {
                OpenEvent o = (OpenEvent) e;
                EventHeader h = o.header();
                i32(out, (int) (h.timeNanos() / 1_000_000_000L));
                i64(out, h.timeNanos());
                i64(out, h.monoNanos());
                str(out, h.kind().id());
                str(out, h.node());
                i32(out, h.pid());
                i32(out, h.tid());
                i32(out, h.ppid());
                i32(out, h.uid());
                i32(out, h.gid());
                i32(out, h.euid());
                i64(out, h.cgroupId());
                str(out, h.comm());
                i64(out, h.retval());
                i64(out, h.latencyNs());
                str(out, h.context().getString("container.id"));
                str(out, h.context().getString("user.name"));
                str(out, "{\"container.id\":\"3f1c2a9be0d4\",\"user.name\":\"www-data\"}");
                str(out, o.path());
                i32(out, o.flags());
                i32(out, o.mode());
                str(out, o.syscall());
            }
            byte[] b = out.toByteArray();
            http.insert(insert, b, b.length);
        }
        return events.size() / ((System.nanoTime() - start) / 1e9);
    }

    static double sink(ClickHouseServer server, List<Event> events, int round) throws Exception {
        ClickHouseSink sink = new ClickHouseSink(Samples.config(ClickHouseSinkConfig.class, Map.of("url", server.url(),
                "user", "infrasight", "password_file", server.passwordFile().toString(), "database", "bench_sink" + round,
                "batch_size", BATCH, "buffer_rows", ROWS)), new Samples.Problems());
        try {
            // the schema is created on the first write; do it before the clock starts, as in a running system
            sink.onEvents(events.subList(0, 1));
            ClickHouseSinkTest.waitFor(() -> sink.counters().get("stored") == 1);
            long start = System.nanoTime();
            for (int from = 1; from < events.size(); from += 256) {
                sink.onEvents(events.subList(from, Math.min(events.size(), from + 256))); // bus-sized batches
            }
            ClickHouseSinkTest.waitFor(() -> sink.counters().get("stored") == events.size());
            double rate = (events.size() - 1) / ((System.nanoTime() - start) / 1e9);
            assertEquals(0L, sink.counters().get("dropped_buffer_full"));
            return rate;
        } finally {
            sink.deactivate();
        }
    }

    private static void i32(ByteArrayOutputStream o, int v) {
        o.write(v);
        o.write(v >>> 8);
        o.write(v >>> 16);
        o.write(v >>> 24);
    }

    private static void i64(ByteArrayOutputStream o, long v) {
        for (int i = 0; i < 8; i++) {
            o.write((int) (v >>> (8 * i)));
        }
    }

    private static void str(ByteArrayOutputStream o, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int n = b.length;
        while (n >= 0x80) {
            o.write(n | 0x80);
            n >>>= 7;
        }
        o.write(n);
        o.write(b, 0, b.length);
    }
}
