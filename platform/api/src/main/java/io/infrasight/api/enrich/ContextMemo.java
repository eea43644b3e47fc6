package io.infrasight.api.enrich;

import io.infrasight.api.event.Context;
import java.util.Map;

/**
 * Remembers {@code in.with(values)} for recent (context, values) pairs, by identity. On a warm
 * cache an enricher's values map is the same object for every event of a process, and the context
 * it receives is the same object the previous enricher produced for that process, so the copy that
 * {@link Context#with(Map)} makes can be reused instead of made again. Direct-mapped and lossy: a
 * collision just computes. Safe to share between publishing threads (slots are immutable and
 * replacing one is a benign race).
 */
public final class ContextMemo {
    private record Slot(Context in, Map<String, ?> values, Context out) {
    }

    private final Slot[] slots;
    private final int mask;

    /** @param capacity slots, rounded up to a power of two (e.g. 1024) */
    public ContextMemo(int capacity) {
        int n = Integer.highestOneBit(Math.max(16, capacity - 1)) << 1;
        slots = new Slot[n];
        mask = n - 1;
    }

    /** The same as {@code in.with(values)}; values must not change after they are first passed in. */
    public Context with(Context in, Map<String, ?> values) {
        if (values.isEmpty()) {
            return in;
        }
        int h = (System.identityHashCode(in) * 31 + System.identityHashCode(values)) & mask;
        Slot s = slots[h];
        if (s != null && s.in == in && s.values == values) {
            return s.out;
        }
        Context out = in.with(values);
        slots[h] = new Slot(in, values, out);
        return out;
    }
}
