package io.infrasight.store.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import io.infrasight.api.event.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers rows and writes them per table in batches, by size or after a flush interval, on one
 * thread it owns. When the store is away the batch in hand is retried with exponential backoff and
 * never given up while running; meanwhile new rows wait in a bounded buffer, and what does not fit
 * is dropped and counted ({@code buffer_full}) rather than blocking the bus. A batch the store
 * refuses as bad data is dropped and counted ({@code rejected}) since retrying cannot help. On stop,
 * what can be written within the grace period is written; the rest is counted ({@code shutdown}).
 */
public final class BatchingWriter {
    private static final Logger LOG = LoggerFactory.getLogger(BatchingWriter.class);

    /** Where batches go. Throw {@link Rejected} for data the store will never accept; anything else is retried. */
    public interface Target {
        void write(Table table, List<Object[]> rows) throws Exception;
    }

    /** The store refused the batch itself (not the connection): retrying would fail again. */
    public static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        public Rejected(String message) {
            super(message);
        }
    }

    /** batch.size rows, flush interval, buffer capacity in rows, backoff limits. */
    public record Settings(int batchSize, long flushIntervalMs, int capacity, long initialBackoffMs, long maxBackoffMs) {
    }

    private final Target target;
    private final Consumer<List<Event>> onStored;
    private final Settings settings;
    private final String threadName;
    private final ArrayBlockingQueue<Row> queue;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong dropBufferFull = new AtomicLong();
    private final AtomicLong dropRejected = new AtomicLong();
    private final AtomicLong dropShutdown = new AtomicLong();
    private final AtomicLong inHand = new AtomicLong();
    private volatile String lastError = "";
    private volatile boolean storeUp = true;
    private volatile boolean running;
    private volatile long stopDeadline = Long.MAX_VALUE;
    private Thread thread;

    public BatchingWriter(String threadName, Settings settings, Target target) {
        this(threadName, settings, target, null);
    }

    /**
     * @param onStored called on the writer thread with the events of each batch once the store has
     *                 accepted it (acknowledgements to replaying sources); must not block
     */
    public BatchingWriter(String threadName, Settings settings, Target target, Consumer<List<Event>> onStored) {
        this.threadName = threadName;
        this.settings = settings;
        this.target = target;
        this.onStored = onStored;
        this.queue = new ArrayBlockingQueue<>(settings.capacity());
    }

    public synchronized void start() {
        running = true;
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Never blocks: a full buffer drops the row and counts it. */
    public boolean offer(Row row) {
        received.incrementAndGet();
        if (!running) {
            dropShutdown.incrementAndGet();
            return false;
        }
        if (!queue.offer(row)) {
            dropBufferFull.incrementAndGet();
            return false;
        }
        return true;
    }

    /** Stops taking rows, writes what it can within {@code graceMs}, counts the rest as dropped. */
    public void stop(long graceMs) {
        Thread t;
        synchronized (this) {
            t = thread;
            stopDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMs);
            running = false;
        }
        if (t == null) {
            return;
        }
        LockSupport.unpark(t);
        try {
            t.join(graceMs + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            // a write is stuck beyond its own timeouts; let it go, it is a daemon thread
            LOG.warn("{} did not stop within {} ms", threadName, graceMs + 5_000);
            t.interrupt();
        }
    }

    /** Counters for status and metrics (snake_case); {@code dropped_*} by reason. */
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("received", received.get());
        m.put("stored", stored.get());
        m.put("batches", batches.get());
        m.put("retries", retries.get());
        m.put("pending", (long) queue.size() + inHand.get());
        m.put("dropped_buffer_full", dropBufferFull.get());
        m.put("dropped_rejected", dropRejected.get());
        m.put("dropped_shutdown", dropShutdown.get());
        m.put("store_up", storeUp ? 1L : 0L);
        return m;
    }

    public long stored() {
        return stored.get();
    }

    public String lastError() {
        return lastError;
    }

    private void run() {
        Map<Table, List<Row>> pending = new LinkedHashMap<>();
        List<Row> drained = new ArrayList<>(settings.batchSize());
        long flushIntervalNs = TimeUnit.MILLISECONDS.toNanos(settings.flushIntervalMs());
        long firstAt = 0;
        while (running) {
            try {
                long waitNs = inHand.get() == 0 ? flushIntervalNs : Math.max(0, firstAt + flushIntervalNs - System.nanoTime());
                Row r = queue.poll(Math.min(waitNs, TimeUnit.MILLISECONDS.toNanos(200)), TimeUnit.NANOSECONDS);
                if (r != null) {
                    if (inHand.get() == 0) {
                        firstAt = System.nanoTime();
                    }
                    drained.add(r);
                    queue.drainTo(drained, settings.batchSize() - 1);
                    for (Row d : drained) {
                        List<Row> rows = pending.computeIfAbsent(d.table(), t -> new ArrayList<>());
                        rows.add(d);
                        inHand.incrementAndGet();
                        if (rows.size() >= settings.batchSize()) {
                            pending.remove(d.table());
                            write(d.table(), rows);
                        }
                    }
                    drained.clear();
                }
                if (inHand.get() > 0 && System.nanoTime() - firstAt >= flushIntervalNs) {
                    flushAll(pending);
                }
            } catch (InterruptedException e) {
                // only stop() interrupts, after a stuck write: leave
                break;
            } catch (RuntimeException e) {
                LOG.error("{}: unexpected error; the rows in hand are lost and counted", threadName, e);
                dropRejected.addAndGet(inHand.getAndSet(0));
                pending.clear();
            }
        }
        // stopping: the rows already taken, then what is still queued, within the grace period
        queue.drainTo(drained);
        for (Row d : drained) {
            pending.computeIfAbsent(d.table(), t -> new ArrayList<>()).add(d);
            inHand.incrementAndGet();
        }
        flushAll(pending);
    }

    private void acknowledge(List<Row> batch) {
        if (onStored == null) {
            return;
        }
        List<Event> events = new ArrayList<>(batch.size());
        for (Row r : batch) {
            if (r.event() != null) {
                events.add(r.event());
            }
        }
        if (!events.isEmpty()) {
            try {
                onStored.accept(events);
            } catch (RuntimeException e) {
                // the rows are stored; a failing receiver only delays its source (it redelivers)
                LOG.warn("{}: acknowledging {} stored events failed: {}", threadName, events.size(), e.toString());
            }
        }
    }

    private void flushAll(Map<Table, List<Row>> pending) {
        for (Map.Entry<Table, List<Row>> e : pending.entrySet()) {
            write(e.getKey(), e.getValue());
        }
        pending.clear();
    }

    private void write(Table table, List<Row> batch) {
        long backoff = settings.initialBackoffMs();
        int n = batch.size();
        List<Object[]> rows = new ArrayList<>(n);
        for (Row r : batch) {
            rows.add(r.values());
        }
        while (true) {
            if (!running && System.nanoTime() - stopDeadline > 0) {
                dropShutdown.addAndGet(n);
                inHand.addAndGet(-n);
                return;
            }
            try {
                target.write(table, rows);
                stored.addAndGet(n);
                batches.incrementAndGet();
                inHand.addAndGet(-n);
                acknowledge(batch);
                if (!storeUp) {
                    LOG.info("{}: the store is back; writing again", threadName);
                    storeUp = true;
                }
                return;
            } catch (Rejected e) {
                lastError = e.getMessage();
                LOG.error("{}: {} rows for {} refused by the store and dropped: {}", threadName, n, table.name(),
                        e.getMessage());
                dropRejected.addAndGet(n);
                inHand.addAndGet(-n);
                return;
            } catch (Exception e) {
                lastError = String.valueOf(e.getMessage());
                retries.incrementAndGet();
                if (storeUp) {
                    LOG.warn("{}: writing {} rows to {} failed ({}); retrying with backoff up to {} ms", threadName,
                            n, table.name(), e.toString(), settings.maxBackoffMs());
                    storeUp = false;
                }
                long sleepUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff);
                while (System.nanoTime() - sleepUntil < 0 && (running || System.nanoTime() - stopDeadline < 0)) {
                    LockSupport.parkNanos(Math.min(sleepUntil - System.nanoTime(), 50_000_000L));
                }
                backoff = Math.min(backoff * 2, settings.maxBackoffMs());
            }
        }
    }
}
