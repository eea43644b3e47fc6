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
}
