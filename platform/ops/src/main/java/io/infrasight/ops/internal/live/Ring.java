package io.infrasight.ops.internal.live;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The last {@code capacity} items with increasing sequence numbers, so that a follower can ask for
 * "what came after n". One writer (a bus worker), occasional readers (shell, HTTP).
 */
public final class Ring<T> {
    private final Object[] items;
    private long next; // sequence number the next item gets; item s lives at s % capacity

    public Ring(int capacity) {
        items = new Object[Math.max(1, capacity)];
    }

    public synchronized void addAll(List<? extends T> batch) {
        for (T t : batch) {
            items[(int) (next % items.length)] = t;
            next++;
        }
    }

    /** Sequence number of the next item to arrive. */
    public synchronized long next() {
        return next;
    }

    /** Matching items with sequence number >= {@code from}, oldest first, at most the newest {@code limit}. */
    @SuppressWarnings("unchecked")
    public synchronized List<T> since(long from, Predicate<? super T> filter, int limit) {
        long start = Math.max(from, next - items.length);
        List<T> out = new ArrayList<>();
        for (long s = start; s < next; s++) {
            T t = (T) items[(int) (s % items.length)];
            if (filter.test(t)) {
                out.add(t);
            }
        }
        return out.size() > limit ? new ArrayList<>(out.subList(out.size() - limit, out.size())) : out;
    }
}
