package io.infrasight.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.jctools.queues.MpscArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's lane: a bounded multi-producer queue and a worker thread that drains it in
 * batches into the subscriber. Producers never block; what does not fit is counted as dropped.
 */
final class Route<T> {
    static final String QUEUE_FULL = "queue_full";
    static final String SUBSCRIBER_REMOVED = "subscriber_removed";
    static final String SUBSCRIBER_ERROR = "subscriber_error";

    private static final Logger LOG = LoggerFactory.getLogger(Route.class);
    private static final int MAX_BATCH = 1024;

    final String id;
    final String type;
    final int kindMask;
    private final int capacity;
    private final MpscArrayQueue<T> queue;
    private final Consumer<List<T>> consumer;
    private final Thread worker;
    private final LongAdder droppedFull = new LongAdder();
    private final LongAdder droppedRemoved = new LongAdder();
    private final AtomicLong droppedError = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean closed;
    /** Set by {@link #close(long)}: the worker ends once the queue is empty. */
    private volatile boolean finishing;
    private volatile boolean sleeping;
    final RateMeter rate = new RateMeter();

    Route(String id, String type, int kindMask, int capacity, Consumer<List<T>> consumer) {
        this.id = id;
        this.type = type;
        this.kindMask = kindMask;
        this.capacity = Math.max(capacity, 16);
        this.queue = new MpscArrayQueue<>(this.capacity);
        this.consumer = consumer;
        this.worker = new Thread(this::run, "infrasight-" + type + "-" + id);
        this.worker.setDaemon(true);
    }

    void start() {
        worker.start();
    }

    /** Never blocks. */
    void offer(T item) {
        if (closed) {
            droppedRemoved.increment();
        } else if (!queue.relaxedOffer(item)) {
            droppedFull.increment();
        } else if (sleeping) {
            LockSupport.unpark(worker);
        }
    }

    /** Offers items [from, to) of a batch, claiming queue slots in bulk; counts what does not fit. */
    void offerAll(List<? extends T> items, int from, int to) {
        if (closed) {
            droppedRemoved.add(to - from);
            return;
        }
        int[] next = {from};
        int wanted = to - from;
        int added = 0;
        while (added < wanted) {
            int n = queue.fill(() -> items.get(next[0]++), wanted - added);
            if (n == 0) {
                break;
            }
            added += n;
        }
        if (added < wanted) {
            droppedFull.add(wanted - added);
        }
        if (sleeping) {
            LockSupport.unpark(worker);
        }
    }

    /** Stops the worker; what is still queued is counted as dropped (the subscriber is gone). */
    void close() {
        close(0);
    }

    /**
     * Stops the worker after it delivered what is queued, waiting at most {@code deliverMillis} (the
     * subscriber is still there: the bus itself closes, for a new configuration or a shutdown); what
     * is left then is counted as dropped.
     */
    void close(long deliverMillis) {
        if (deliverMillis > 0) {
            finishing = true;
            LockSupport.unpark(worker);
            try {
                worker.join(deliverMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closed = true;
        LockSupport.unpark(worker);
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int left = queue.drain(x -> { }, Integer.MAX_VALUE);
        droppedRemoved.add(left);
    }

    private void run() {
        List<T> batch = new ArrayList<>(MAX_BATCH);
        int idle = 0;
        while (!closed) {
            queue.drain(batch::add, MAX_BATCH);
            if (batch.isEmpty() && finishing) {
                break;   // everything queued is delivered
            }
            if (batch.isEmpty()) {
                // Few cores are the norm for an agent: spin briefly, never yield-loop, then park until a
                // producer unparks us (or 1 ms passes, in case a wake-up raced with going to sleep).
                idle++;
                if (idle < 32) {
                    Thread.onSpinWait();
                } else {
                    sleeping = true;
                    if (queue.isEmpty() && !closed) {
                        LockSupport.parkNanos(1_000_000L);
                    }
                    sleeping = false;
                }
                continue;
            }
            idle = 0;
            deliver(batch);
            batch.clear();
        }
    }

    private void deliver(List<T> batch) {
        try {
            consumer.accept(batch);
            delivered.lazySet(delivered.get() + batch.size());
        } catch (RuntimeException | LinkageError e) {
            failures.incrementAndGet();
            droppedError.addAndGet(batch.size());
            LOG.warn("Subscriber {} ({}) failed on a batch of {}; the batch is counted as dropped ({})", id, type,
                    batch.size(), SUBSCRIBER_ERROR, e);
        }
    }

    long delivered() {
        return delivered.get();
    }

    long depth() {
        return queue.size();
    }

    int capacity() {
        return capacity;
    }

    long failures() {
        return failures.get();
    }

    Map<String, Long> dropped() {
        Map<String, Long> m = new TreeMap<>();
        m.put(QUEUE_FULL, droppedFull.sum());
        m.put(SUBSCRIBER_REMOVED, droppedRemoved.sum());
        m.put(SUBSCRIBER_ERROR, droppedError.get());
        return m;
    }
}
