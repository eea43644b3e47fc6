package io.infrasight.ops.internal.live;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The last {@code capacity} items, each with a sequence number, so that a follower can ask for
 * "what came after n". Sequence numbers increase; they are given by the caller, so several rings
 * can share one numbering (see {@link KindRings}). One writer, occasional readers.
 */
public final class Ring<T> {
    private final Object[] items;
    private final long[] seqs;
    private long count; // items ever added; item i lives at i % capacity
    private long nextSeq;

    public Ring(int capacity) {
        items = new Object[Math.max(1, capacity)];
        seqs = new long[items.length];
    }

    /** Adds items numbered from this ring's own counter. */
    public synchronized void addAll(List<? extends T> batch) {
        for (T t : batch) {
            add(nextSeq, t);
        }
    }

    /** Adds one item with the given sequence number (greater than any before). */
    public synchronized void add(long seq, T item) {
        int slot = (int) (count % items.length);
        items[slot] = item;
        seqs[slot] = seq;
        count++;
        nextSeq = seq + 1;
    }

    /** The sequence number the next item will get (one past the newest). */
    public synchronized long next() {
        return nextSeq;
    }

    /** Matching items with sequence number >= {@code from}, oldest first, at most the newest {@code limit}. */
    public List<T> since(long from, Predicate<? super T> filter, int limit) {
        List<T> out = new ArrayList<>();
        for (Numbered<T> n : numberedSince(from, filter)) {
            out.add(n.item());
        }
        return out.size() > limit ? new ArrayList<>(out.subList(out.size() - limit, out.size())) : out;
    }

    @SuppressWarnings("unchecked")
    synchronized List<Numbered<T>> numberedSince(long from, Predicate<? super T> filter) {
        List<Numbered<T>> out = new ArrayList<>();
        long start = Math.max(0, count - items.length);
        for (long i = start; i < count; i++) {
            int slot = (int) (i % items.length);
            if (seqs[slot] >= from && filter.test((T) items[slot])) {
                out.add(new Numbered<>(seqs[slot], (T) items[slot]));
            }
        }
        return out;
    }

    record Numbered<T>(long seq, T item) {
    }
}
