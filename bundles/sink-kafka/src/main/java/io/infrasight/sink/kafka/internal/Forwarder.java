package io.infrasight.sink.kafka.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves records from the bus workers to Kafka on its own thread, so the bus never waits for the
 * network. Three modes:
 * <ul>
 * <li><b>DIRECT</b> (spool empty): records go from the hand-off queue straight to the producer.</li>
 * <li><b>OUTAGE</b>: a send failed. The producer is closed at once, which fails everything still in
 * flight; those records, older than anything that follows, are written to the head of the spool in
 * sequence order. New records go to the spool's tail. After a back-off (1 s doubling to 10 s) ...</li>
 * <li><b>REPLAY</b>: a new producer sends the spool in order, a bounded window at a time; the spool's
 * commit point moves only over records the broker acknowledged. New records keep going to the tail
 * until the spool is drained, then DIRECT again. A failure goes back to OUTAGE and rewinds.</li>
 * </ul>
 * Order per key is kept because a record is never sent while an older record of the sink is
 * waiting in the spool. Resending after an outage can duplicate records the broker had taken but
 * not acknowledged; their ids are the same, so consumers can tell.
 */
final class Forwarder implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);
    static final String DIRECT = "DIRECT";
    static final String OUTAGE = "OUTAGE";
    static final String REPLAY = "REPLAY";
    private static final int REPLAY_WINDOW = 20_000;

    private final Supplier<Producer<byte[], byte[]>> producers;
    private final List<String> topics;
    private final Spool spool;
    private final ArrayBlockingQueue<OutRecord> handoff;
    private final ConcurrentLinkedQueue<OutRecord> failed = new ConcurrentLinkedQueue<>();
    private final AtomicLong inFlight = new AtomicLong();
    private final SinkCounters counts = new SinkCounters();
    private final ArrayDeque<Slot> window = new ArrayDeque<>();
    private final List<OutRecord> drain = new ArrayList<>(4096);
    private Producer<byte[], byte[]> producer;
    private volatile String mode;
    private volatile String lastError = "";
    private volatile boolean running = true;
    private volatile Thread thread;
    private long backoffMs = 1000;
    private long nextAttempt;

    /** A replayed record in flight: where it ends in the spool and what the broker said. */
    private static final class Slot {
        final long seg;
        final long pos;
        volatile int state; // 0 in flight, 1 acknowledged, 2 failed

        Slot(long seg, long pos) {
            this.seg = seg;
            this.pos = pos;
        }
    }

    Forwarder(Supplier<Producer<byte[], byte[]>> producers, List<String> topics, Spool spool, int handoffCapacity) {
        this.producers = producers;
        this.topics = List.copyOf(topics);
        this.spool = spool;
        this.handoff = new ArrayBlockingQueue<>(handoffCapacity);
        this.mode = spool.drained() ? DIRECT : REPLAY;
    }

    /**
     * Called by a bus worker: hands the records over, waiting at most 50 ms in total for room, so a
     * stalled sender costs the worker little; what still does not fit is dropped and counted.
     */
    void offer(List<OutRecord> records) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        for (int i = 0; i < records.size(); i++) {
            OutRecord r = records.get(i);
            if (handoff.offer(r)) {
                continue;
            }
            try {
                long left = deadline - System.nanoTime();
                if (left > 0 && handoff.offer(r, left, TimeUnit.NANOSECONDS)) {
                    continue;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            drop("handoff_full", records.size() - i);
            return;
        }
    }

    void skip() {
        counts.skipped.incrementAndGet();
    }

    void drop(String reason, long n) {
        counts.drop(reason, n);
    }

    void start(String name) {
        Thread t = new Thread(this, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Stops the thread; what could not be sent within the grace period is kept in the spool. */
    void stop(Duration grace) throws InterruptedException {
        graceOnStop = grace;
        running = false;
        Thread t = thread;
        if (t != null) {
            // no interrupt: it would close the spool's FileChannel under the thread's feet;
            // every wait in the loop is at most 100 ms
            t.join(grace.toMillis() + 10_000);
        }
    }

    @Override
    public void run() {
        try {
            while (running) {
                try {
                    step();
                } catch (InterruptedException e) {
                    if (!running) {
                        break;
                    }
                } catch (IOException | RuntimeException e) {
                    lastError = e.toString();
                    LOG.error("Kafka sink: {}", e.toString());
                    sleepQuietly(1000);
                }
            }
        } finally {
            shutdown();
        }
    }

    private volatile Duration graceOnStop = Duration.ofSeconds(5);

    private void step() throws InterruptedException, IOException {
        switch (mode) {
            case DIRECT -> direct();
            case OUTAGE -> outage();
            default -> replay();
        }
    }

    private void direct() throws InterruptedException, IOException {
        if (producer == null) {
            producer = newProducer();
        }
        OutRecord first = handoff.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
            checkFailed();
            return;
        }
        drain.clear();
        drain.add(first);
        handoff.drainTo(drain, 4095);
        for (OutRecord r : drain) {
            if (!failed.isEmpty()) {
                // an earlier record failed: this one and all later ones must wait behind it
                spoolOrDrop(r);
                continue;
            }
            send(r, null);
        }
        checkFailed();
    }

    private Producer<byte[], byte[]> newProducer() {
        Producer<byte[], byte[]> p = producers.get();
        ProducerSettings.warmUp(p, topics, () -> running);
        return p;
    }

    private void send(OutRecord r, Slot slot) {
        inFlight.incrementAndGet();
        Producer<byte[], byte[]> p = producer;
        Callback cb = (md, ex) -> {
            if (ex == null) {
                counts.sent.incrementAndGet();
                if (slot != null) {
                    slot.state = 1;
                }
            } else if (ex instanceof RecordTooLargeException || ex instanceof InvalidTopicException) {
                // retrying cannot help; keeping it would block the spool forever
                drop("too_large", 1);
                lastError = ex.toString();
                if (slot != null) {
                    slot.state = 1;
                }
            } else {
                if (!(ex instanceof IllegalStateException) && !"Producer is closed forcefully.".equals(ex.getMessage())) {
                    lastError = ex.toString(); // the cause, not the aborts that follow our own close
                }
                if (slot != null) {
                    slot.state = 2;
                } else {
                    failed.add(r);
                }
                // Stop this producer at once, from its own I/O thread: nothing queued behind the
                // failed record may reach the broker before it, or a process's events would
                // arrive out of order after the replay. Everything still queued fails too.
                closeQuietly(p);
            }
            inFlight.decrementAndGet();
        };
        try {
            p.send(new ProducerRecord<>(r.topic(), r.key(), r.value()), cb);
        } catch (RuntimeException e) {
            // buffer full beyond max.block.ms, no metadata, closed producer: all mean "broker away"
            cb.onCompletion(null, e);
        }
    }

    private static void closeQuietly(Producer<byte[], byte[]> p) {
        try {
            p.close(Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.debug("closing the producer after a failure", e);
        }
    }

    private void checkFailed() throws IOException {
        if (failed.isEmpty()) {
            return;
        }
        counts.outages.incrementAndGet();
        LOG.warn("Kafka unreachable ({}); spooling to disk", lastError);
        closeProducer(Duration.ZERO); // fails what is still in flight now instead of after the timeout
        List<OutRecord> older = new ArrayList<>(failed);
        failed.clear();
        older.sort(Comparator.comparingLong(OutRecord::seq));
        spool.prepend(older);
        counts.spooled.addAndGet(older.size());
        mode = OUTAGE;
        backoffMs = 1000;
        nextAttempt = System.currentTimeMillis() + backoffMs;
    }

    private void outage() throws InterruptedException, IOException {
        moveHandoffToSpool(100);
        if (System.currentTimeMillis() >= nextAttempt) {
            spool.rewind();
            mode = REPLAY;
        }
    }

    private void replay() throws InterruptedException, IOException {
        if (producer == null) {
            producer = newProducer();
        }
        moveHandoffToSpool(window.size() >= REPLAY_WINDOW ? 5 : 0);
        while (window.size() < REPLAY_WINDOW) {
            OutRecord r = spool.next();
            if (r == null) {
                break;
            }
            long[] at = spool.position();
            Slot s = new Slot(at[0], at[1]);
            window.add(s);
            counts.replayed.incrementAndGet();
            send(r, s);
        }
        int acked = 0;
        Slot last = null;
        boolean anyFailed = false;
        while (!window.isEmpty()) {
            Slot s = window.peek();
            if (s.state == 1) {
                last = window.poll();
                acked++;
            } else {
                anyFailed |= s.state == 2;
                break;
            }
        }
        if (last != null) {
            spool.commit(last.seg, last.pos, acked);
        }
        if (!anyFailed) {
            for (Slot s : window) {
                if (s.state == 2) {
                    anyFailed = true;
                    break;
                }
            }
        }
        if (anyFailed) {
            counts.outages.incrementAndGet();
            LOG.warn("Kafka sink: replay failed ({}); back to the spool", lastError);
            closeProducer(Duration.ZERO);
            window.clear();
            spool.rewind();
            mode = OUTAGE;
            backoffMs = Math.min(backoffMs * 2, 10_000);
            nextAttempt = System.currentTimeMillis() + backoffMs;
            return;
        }
        if (window.isEmpty() && handoff.isEmpty() && spool.drained()) {
            LOG.info("Kafka sink: spool drained, sending directly again");
            mode = DIRECT;
            backoffMs = 1000;
            return;
        }
        if (acked == 0) {
            Thread.sleep(1);
        }
    }

    private void moveHandoffToSpool(long waitMs) throws InterruptedException {
        OutRecord first = waitMs > 0 ? handoff.poll(waitMs, TimeUnit.MILLISECONDS) : handoff.poll();
        if (first == null) {
            return;
        }
        drain.clear();
        drain.add(first);
        handoff.drainTo(drain, 65535);
        for (OutRecord r : drain) {
            spoolOrDrop(r);
        }
    }

    private void spoolOrDrop(OutRecord r) {
        try {
            if (spool.append(r)) {
                counts.spooled.incrementAndGet();
            } else {
                drop("spool_full", 1);
            }
        } catch (RuntimeException e) {
            drop("spool_error", 1);
            lastError = e.toString();
        }
    }

    private void closeProducer(Duration timeout) {
        Producer<byte[], byte[]> p = producer;
        producer = null;
        if (p != null) {
            try {
                p.close(timeout);
            } catch (RuntimeException e) {
                LOG.debug("closing the producer", e);
            }
        }
        // close(ZERO) completes every pending callback before returning; wait anyway, bounded
        long deadline = System.currentTimeMillis() + 5000;
        while (inFlight.get() > 0 && System.currentTimeMillis() < deadline) {
            sleepQuietly(1);
        }
    }

    /** On stop: give the producer a grace period, then keep whatever is left in the spool. */
    private void shutdown() {
        try {
            if (DIRECT.equals(mode)) {
                closeProducer(graceOnStop);
                List<OutRecord> older = new ArrayList<>(failed);
                failed.clear();
                older.sort(Comparator.comparingLong(OutRecord::seq));
                spool.prepend(older);
            } else {
                closeProducer(Duration.ZERO);
            }
            List<OutRecord> rest = new ArrayList<>();
            handoff.drainTo(rest);
            for (OutRecord r : rest) {
                spoolOrDrop(r);
            }
            spool.close();
        } catch (IOException | RuntimeException e) {
            LOG.error("Kafka sink: keeping unsent records in the spool failed", e);
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String mode() {
        return mode;
    }

    String lastError() {
        return lastError;
    }

    Map<String, Long> counters() {
        return counts.snapshot(inFlight.get(), handoff.size(), spool, DIRECT.equals(mode));
    }
}
