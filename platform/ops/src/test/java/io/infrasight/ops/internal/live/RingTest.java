package io.infrasight.ops.internal.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RingTest {
    @Test
    void keepsTheNewestItemsAndAnswersWhatCameAfterASequenceNumber() {
        Ring<Integer> ring = new Ring<>(4);
        ring.addAll(List.of(1, 2, 3));
        long mark = ring.next();
        ring.addAll(List.of(4, 5, 6));
        assertEquals(List.of(3, 4, 5, 6), ring.since(0, x -> true, 100));
        assertEquals(List.of(4, 5, 6), ring.since(mark, x -> true, 100));
        assertEquals(List.of(4, 6), ring.since(0, x -> x % 2 == 0, 100));
        assertEquals(List.of(6), ring.since(0, x -> true, 1));
    }

    @Test
    void aFloodOfOneKindDoesNotPushRareKindsOutOfView() {
        KindRings rings = new KindRings(8);
        io.infrasight.api.event.Event exec = new io.infrasight.api.event.ExecEvent(
                io.infrasight.api.event.EventHeader.of(io.infrasight.api.event.EventKind.EXEC, 1, 7, 7, 1, 0, "sh"),
                "/bin/sh", List.of("sh"), false, "", false, false);
        rings.addAll(List.of(exec));
        for (int i = 0; i < 1000; i++) {
            rings.addAll(List.of(new io.infrasight.api.event.OpenEvent(io.infrasight.api.event.EventHeader.of(
                    io.infrasight.api.event.EventKind.OPEN, i, 7, 7, 1, 0, "sh"), "/f" + i, 0, 0, "openat")));
        }
        List<io.infrasight.api.event.Event> all = rings.since(0, e -> true, 100);
        assertEquals(9, rings.since(0, e -> true, 1000).size());
        assertEquals(exec, all.get(0));
        assertEquals(List.of(exec), rings.since(0, e -> e.kind() == io.infrasight.api.event.EventKind.EXEC, 10));
        assertEquals("/f999", ((io.infrasight.api.event.OpenEvent) all.get(all.size() - 1)).path());
    }
}
