package io.infrasight.api.enrich;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MissBudgetTest {
    @Test
    void givesTheConfiguredPermitsPerSecondThenRefuses() {
        MissBudget b = new MissBudget(3);
        assertTrue(b.tryAcquire());
        assertTrue(b.tryAcquire());
        assertTrue(b.tryAcquire());
        assertFalse(b.tryAcquire());
        assertFalse(new MissBudget(0).tryAcquire());
    }
}
