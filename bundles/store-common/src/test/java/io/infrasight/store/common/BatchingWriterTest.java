package io.infrasight.store.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.OpenEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class BatchingWriterTest {
    private final Rows rows = new Rows();
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();

    private Row row(int i) {
        return rows.event(new OpenEvent(EventHeader.of(EventKind.OPEN, 1_000L * i, i, i, 1, 0, "t"), "/p" + i, 0, 0,
                "openat"));
    }

    @Test
    void fullBatchesAreWrittenBySizeAndTheRestAfterTheFlushInterval() throws Exception {
        BatchingWriter w = new BatchingWriter("t", new BatchingWriter.Settings(100, 300, 10_000, 10, 100),
                (t, r) -> batchSizes.add(r.size()));
        w.start();
        for (int i = 0; i < 250; i++) {
            w.offer(row(i));
        }
        waitFor(() -> w.stored() == 250);
        w.stop(1000);
        assertEquals(250, batchSizes.stream().mapToInt(Integer::intValue).sum());
        assertTrue(batchSizes.contains(100), batchSizes.toString());
        assertEquals(0, w.counters().get("dropped_buffer_full"));
    }

    @Test
    void aFailingStoreIsRetriedUntilItAcceptsAndNothingIsLost() throws Exception {
        AtomicBoolean up = new AtomicBoolean(false);
        BatchingWriter w = new BatchingWriter("t", new BatchingWriter.Settings(50, 50, 10_000, 10, 50), (t, r) -> {
            if (!up.get()) {
                throw new java.io.IOException("connection refused");
            }
            batchSizes.add(r.size());
        });
        w.start();
        for (int i = 0; i < 500; i++) {
            w.offer(row(i));
        }
        waitFor(() -> w.counters().get("retries") >= 3);
        assertEquals(0L, w.counters().get("store_up"));
        up.set(true);
        waitFor(() -> w.stored() == 500);
        w.stop(1000);
        assertEquals(1L, w.counters().get("store_up"));
        assertEquals("connection refused", w.lastError());
    }

    @Test
    void aFullBufferDropsAndCountsInsteadOfBlocking() throws Exception {
        BatchingWriter w = new BatchingWriter("t", new BatchingWriter.Settings(10, 50, 100, 10, 50), (t, r) -> {
            throw new java.io.IOException("down");
        });
        w.start();
        int accepted = 0;
        for (int i = 0; i < 1000; i++) {
            accepted += w.offer(row(i)) ? 1 : 0;
        }
        // the buffer plus at most one batch in hand per table and one being drained
        assertTrue(accepted <= 100 + 2 * 10, "accepted " + accepted);
        assertEquals(1000 - accepted, w.counters().get("dropped_buffer_full"));
        w.stop(100);
        assertEquals(accepted, w.counters().get("dropped_shutdown"), w.counters().toString());
    }

    @Test
    void rejectedBatchesAreDroppedAndCountedNotRetried() throws Exception {
        BatchingWriter w = new BatchingWriter("t", new BatchingWriter.Settings(10, 50, 100, 10, 50), (t, r) -> {
            throw new BatchingWriter.Rejected("Cannot parse input");
        });
        w.start();
        for (int i = 0; i < 10; i++) {
            w.offer(row(i));
        }
        waitFor(() -> w.counters().get("dropped_rejected") == 10);
        w.stop(100);
        assertEquals(0, w.counters().get("retries"));
    }

    static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(10);
        }
    }
}
