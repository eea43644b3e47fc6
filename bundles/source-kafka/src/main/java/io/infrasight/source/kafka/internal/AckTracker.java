package io.infrasight.source.kafka.internal;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which consumed records still wait for acknowledgements. Per partition, records are kept in
 * offset order; the committable offset of a partition is one past the longest prefix of records
 * every required subscriber has acknowledged. Tokens are sequence numbers, so a record delivered
 * twice (after a timeout) is told apart from its first delivery and late acks of the first are
 * ignored. Thread-safe: records are tracked by the consumer thread, acks come from bus workers.
 */
final class AckTracker {
    private static final class Entry {
        final TopicPartition tp;
        final long offset;
        final long trackedNanos;
        int waiting; // bit per required subscriber

        Entry(TopicPartition tp, long offset, long trackedNanos, int waiting) {
            this.tp = tp;
            this.offset = offset;
            this.trackedNanos = trackedNanos;
            this.waiting = waiting;
        }
    }

    private final Map<String, Integer> bits = new HashMap<>();
    private final int all;
    private final Map<TopicPartition, ArrayDeque<Entry>> partitions = new HashMap<>();
    private final Map<Long, Entry> bySeq = new HashMap<>();
    private final Map<TopicPartition, Long> advanced = new LinkedHashMap<>();

    AckTracker(List<String> subscribers) {
        if (subscribers.size() > 30) {
            throw new IllegalArgumentException("at most 30 acknowledging subscribers");
        }
        int mask = 0;
        for (int i = 0; i < subscribers.size(); i++) {
            bits.put(subscribers.get(i), 1 << i);
            mask |= 1 << i;
        }
        this.all = mask;
    }

    boolean needsAcks() {
        return all != 0;
    }

    /** Records a consumed record; {@code needsAck=false} for ones already done (dead letters). */
    synchronized void track(TopicPartition tp, long offset, long seq, boolean needsAck, long nowNanos) {
        Entry e = new Entry(tp, offset, nowNanos, needsAck ? all : 0);
        partitions.computeIfAbsent(tp, k -> new ArrayDeque<>()).add(e);
        if (e.waiting != 0) {
            bySeq.put(seq, e);
        }
    }

    /** Marks a record done; unknown subscribers and tokens (late, repeated, redelivered) are ignored. */
    synchronized void ack(String subscriber, long seq) {
        Integer bit = bits.get(subscriber);
        if (bit == null) {
            return;
        }
        Entry e = bySeq.get(seq);
        if (e != null) {
            e.waiting &= ~bit;
            if (e.waiting == 0) {
                bySeq.remove(seq);
            }
        }
    }

    /** Offsets to commit for partitions whose done prefix grew since the last call. */
    synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
        for (Map.Entry<TopicPartition, ArrayDeque<Entry>> p : partitions.entrySet()) {
            ArrayDeque<Entry> q = p.getValue();
            Entry last = null;
            while (!q.isEmpty() && q.peek().waiting == 0) {
                last = q.poll();
            }
            if (last != null) {
                advanced.put(p.getKey(), last.offset + 1);
            }
        }
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        advanced.forEach((tp, off) -> out.put(tp, new OffsetAndMetadata(off)));
        advanced.clear();
        return out;
    }

    /** Puts back offsets whose commit failed, unless the partition advanced further since. */
    synchronized void restore(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, om) -> {
            if (partitions.containsKey(tp)) {
                advanced.merge(tp, om.offset(), Math::max);
            }
        });
    }

    /**
     * Partitions whose oldest waiting record is older than the timeout, with that record's offset:
     * the consumer seeks there and everything from it is delivered again. Their entries are
     * dropped, so acks for the old deliveries no longer count.
     */
    synchronized Map<TopicPartition, Long> expired(long nowNanos, long timeoutNanos) {
        Map<TopicPartition, Long> out = new HashMap<>();
        for (Map.Entry<TopicPartition, ArrayDeque<Entry>> p : partitions.entrySet()) {
            Entry head = p.getValue().peek();
            if (head != null && head.waiting != 0 && nowNanos - head.trackedNanos > timeoutNanos) {
                out.put(p.getKey(), head.offset);
            }
        }
        forget(out.keySet());
        return out;
    }

    /** Drops what is known about the partitions (revoked, or about to be read again). */
    synchronized void forget(Collection<TopicPartition> tps) {
        for (TopicPartition tp : tps) {
            ArrayDeque<Entry> q = partitions.remove(tp);
            if (q != null) {
                bySeq.values().removeIf(e -> e.tp.equals(tp));
            }
            advanced.remove(tp);
        }
    }

    /** Records consumed but not yet committable. */
    synchronized int pending() {
        int n = 0;
        for (ArrayDeque<Entry> q : partitions.values()) {
            n += q.size();
        }
        return n;
    }
}
