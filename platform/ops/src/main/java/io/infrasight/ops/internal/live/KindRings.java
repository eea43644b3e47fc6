package io.infrasight.ops.internal.live;

import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Recent events kept per kind, under one numbering, so that a flood of one kind (opens run at
 * thousands per second) never pushes the rare ones (an exec, a ptrace) out of view.
 */
public final class KindRings {
    private final Ring<Event>[] rings;
    private long nextSeq;

    @SuppressWarnings("unchecked")
    public KindRings(int perKind) {
        rings = (Ring<Event>[]) new Ring<?>[EventKind.values().length + 1];
        for (EventKind k : EventKind.values()) {
            rings[k.code()] = new Ring<>(perKind);
        }
    }

    public synchronized void addAll(List<Event> batch) {
        for (Event e : batch) {
            rings[e.kind().code()].add(nextSeq++, e);
        }
    }

    public synchronized long next() {
        return nextSeq;
    }

    /** Matching events numbered >= {@code from}, oldest first, at most the newest {@code limit}. */
    public List<Event> since(long from, Predicate<? super Event> filter, int limit) {
        List<Ring.Numbered<Event>> all = new ArrayList<>();
        for (Ring<Event> r : rings) {
            if (r != null) {
                all.addAll(r.numberedSince(from, filter));
            }
        }
        all.sort(Comparator.comparingLong(Ring.Numbered::seq));
        int skip = Math.max(0, all.size() - limit);
        List<Event> out = new ArrayList<>(all.size() - skip);
        for (int i = skip; i < all.size(); i++) {
            out.add(all.get(i).item());
        }
        return out;
    }
}
