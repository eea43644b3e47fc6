package io.infrasight.sink.clickhouse.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.OpenEvent;
import io.infrasight.store.common.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The server goes away while events keep coming, until 100,000 of them wait in the sink; nothing is
 * lost, batches are retried with backoff, and the backlog is stored once the server is back.
 */
class OutageTest {

    @Test
    void serverStoppedMidStreamUntilAHundredThousandEventsWaitLosesNothingAndBatchesAreRetried() throws Exception {
        try (ClickHouseServer server = new ClickHouseServer("outage", 0)) {
            ClickHouseSink sink = new ClickHouseSink(Samples.config(ClickHouseSinkConfig.class, Map.of("url", server.url(),
                    "user", "infrasight", "password_file", server.passwordFile().toString(), "batch_size", 5000,
                    "flush_interval_ms", 200, "retry_backoff_max_ms", 500, "request_timeout_s", 5)),
                    new Samples.Problems());
            AtomicBoolean producing = new AtomicBoolean(true);
            AtomicLong sent = new AtomicLong();
            // up to ~15,000 events/s in batches of 300, like a busy probe's poll loop: the outage lasts
            // as long as it takes 100,000 events to pile up, so a faster stream makes a shorter test
            Thread producer = new Thread(() -> {
                long base = System.currentTimeMillis() * 1_000_000L;
                while (producing.get()) {
                    List<Event> batch = new ArrayList<>(300);
                    for (int i = 0; i < 300; i++) {
                        long n = sent.getAndIncrement();
                        batch.add(new OpenEvent(new EventHeader(EventKind.OPEN, base + n, n, (int) n, (int) n, 1, 0, 0, 0,
                                0, "load", 3, 0, "outage-node", null), "/var/lib/x/" + n, 0, 0, "openat"));
                    }
                    sink.onEvents(batch);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "outage-producer");
            try {
                long t0 = System.nanoTime();
                producer.start();
                ClickHouseSinkTest.waitFor(() -> sink.counters().get("stored") > 10_000);
                System.out.printf("outage: flowing after %d ms, sent %d%n", (System.nanoTime() - t0) / 1_000_000, sent.get());
                long stopping = System.nanoTime();
                server.stop();
                long stoppedAt = System.nanoTime();
                System.out.printf("outage: server stopped in %d ms%n", (stoppedAt - stopping) / 1_000_000);
                long sentAtStop = sent.get();
                // down until a backlog has piled up and the writer has retried through its backoff
                ClickHouseSinkTest.waitFor(() -> sent.get() - sentAtStop > 100_000 && sink.counters().get("retries") >= 5);
                long retriesDuringOutage = sink.counters().get("retries");
                assertEquals(0L, sink.counters().get("store_up"), "the sink noticed the outage");
                server.start();
                long downMs = (System.nanoTime() - stoppedAt) / 1_000_000;
                ClickHouseSinkTest.waitFor(() -> sink.counters().get("store_up") == 1L);
                // the stream goes on after the recovery (those events are in the total checked below)
                long sentAtRecovery = sent.get();
                ClickHouseSinkTest.waitFor(() -> sent.get() > sentAtRecovery + 10_000);
                producing.set(false);
                producer.join();
                long total = sent.get();
                ClickHouseSinkTest.waitFor(() -> sink.counters().get("stored") == total);
                Map<String, Long> c = sink.counters();
                System.out.printf("outage: down %d ms, sent %d (%d during the outage), retries %d, counters %s%n", downMs,
                        total, total - sentAtStop, c.get("retries"), c);
                assertTrue(total - sentAtStop > 100_000, "events kept coming during the outage: " + (total - sentAtStop));
                assertTrue(retriesDuringOutage >= 5, "retried with backoff: " + retriesDuringOutage);
                assertEquals(0L, c.get("dropped_buffer_full") + c.get("dropped_rejected") + c.get("dropped_shutdown"));
                assertEquals(total, c.get("received"));
                List<Object> row = sink.query("SELECT count() AS n, uniqExact(time_ns) AS u FROM file_events").rows().get(0);
                assertEquals(List.of(total, total), row, "every event stored exactly once");
            } finally {
                producing.set(false);
                producer.join();
                sink.deactivate();
            }
        }
    }
}
