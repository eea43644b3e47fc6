package io.infrasight.store.embedded.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.infrasight.api.event.Context;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.OpenEvent;
import io.infrasight.store.common.Samples;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embedded store throughput with the same rows as the ClickHouse benchmark. Not a unit test: run
 * with {@code mvn -f bundles/store-embedded/pom.xml test -Dtest=ThroughputBench -Dinfrasight.bench=true}.
 */
@EnabledIfSystemProperty(named = "infrasight.bench", matches = "true")
class ThroughputBench {
    static final int ROWS = Integer.getInteger("infrasight.bench.rows", 500_000);
    static final int ROUNDS = 3;

    @TempDir
    Path dir;

    @Test
    void embeddedRowsPerSecond() throws Exception {
        Context ctx = Context.EMPTY.with("container.id", "3f1c2a9be0d4").with("user.name", "www-data");
        long base = System.currentTimeMillis() * 1_000_000L;
        List<Event> events = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            EventHeader h = new EventHeader(EventKind.OPEN, base + i * 1000L, 1_000_000L + i, 1000 + i % 500, 1000 + i % 500,
                    1, 33, 33, 33, 4242, "nginx", 12, 800 + i % 100, "node-1", ctx);
            events.add(new OpenEvent(h, "/var/www/html/assets/img/" + (i % 1000) + ".png", 0x80000, 0, "openat"));
        }
        double[] rates = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            EmbeddedStore store = new EmbeddedStore(Samples.config(EmbeddedStoreConfig.class, Map.of("directory",
                    dir.resolve("r" + round).toString(), "buffer_rows", ROWS)), new Samples.Problems());
            try {
                EmbeddedStoreTest.waitFor(store::isOpen);
                long start = System.nanoTime();
                for (int from = 0; from < ROWS; from += 256) {
                    store.onEvents(events.subList(from, Math.min(ROWS, from + 256)));
                }
                EmbeddedStoreTest.waitFor(() -> store.counters().get("stored") == ROWS);
                rates[round] = ROWS / ((System.nanoTime() - start) / 1e9);
                assertEquals(List.of(List.of((long) ROWS)), store.query("SELECT count(*) FROM infrasight.file_events").rows());
                System.out.printf("round %d: embedded %,.0f rows/s%n", round, rates[round]);
            } finally {
                store.deactivate();
            }
        }
        Arrays.sort(rates);
        System.out.printf("BENCH embedded rows=%d: median %,.0f rows/s%n", ROWS, rates[ROUNDS / 2]);
    }
}
