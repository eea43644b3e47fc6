package io.infrasight.api.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The gate is driven by the caller's clock, so these tests step time by hand instead of sleeping. */
class AlertGateTest {
    private static final long S = 1_000_000_000L;

    @Test
    void firstMatchAlertsAndRepeatsOfTheSameRuleAndSubjectAreSuppressedAndCounted() {
        AlertGate<String> gate = new AlertGate<>(60 * S, 0, 100);
        assertEquals(0, gate.admit("shell", "42", "e1", 0));
        assertEquals(AlertGate.SUPPRESSED, gate.admit("shell", "42", "e2", S));
        assertEquals(AlertGate.SUPPRESSED, gate.admit("shell", "42", "e3", 2 * S));
        assertEquals(2, gate.suppressed());
        assertEquals(1, gate.openWindows());
    }

    @Test
    void otherSubjectsAndOtherRulesHaveTheirOwnWindows() {
        AlertGate<String> gate = new AlertGate<>(60 * S, 0, 100);
        assertEquals(0, gate.admit("shell", "42", "a", 0));
        assertEquals(0, gate.admit("shell", "43", "b", 0), "another pid alerts");
        assertEquals(0, gate.admit("shell", "container:web", "c", 0), "a container key is just another subject");
        assertEquals(0, gate.admit("miner", "42", "d", 0), "another rule alerts");
        assertEquals(0, gate.suppressed());
        assertEquals(4, gate.openWindows());
    }

    @Test
    void aWindowThatSuppressedMatchesEndsInOneSummaryWithTheCountAndTheLastPayload() {
        AlertGate<String> gate = new AlertGate<>(60 * S, 0, 100);
        gate.admit("shell", "42", "e1", 5 * S);
        gate.admit("shell", "42", "e2", 6 * S);
        gate.admit("shell", "42", "e3", 7 * S);
        gate.admit("quiet", "7", "q1", 5 * S);
        assertEquals(List.of(), gate.expire(64 * S), "not yet at the window's end");

        List<AlertGate.Summary<String>> due = gate.expire(65 * S);
        assertEquals(List.of(new AlertGate.Summary<>("shell", "42", "e3", 2, 5 * S)), due,
                "one summary; the window that suppressed nothing ends silently");
        assertEquals(0, gate.openWindows());
        assertEquals(List.of(), gate.expire(200 * S), "a summary is handed out once");
        assertEquals(0, gate.admit("shell", "42", "e4", 66 * S), "after the window the next match alerts again");
    }

    @Test
    void aRuleAlertsAtMostMaxPerRuleTimesPerWindowAndTheNextAlertSaysHowManyWereHeldBack() {
        AlertGate<String> gate = new AlertGate<>(10 * S, 2, 100);
        assertEquals(0, gate.admit("scan", "1", "a", 0));
        assertEquals(0, gate.admit("scan", "2", "b", S));
        assertEquals(AlertGate.SUPPRESSED, gate.admit("scan", "3", "c", S));
        assertEquals(AlertGate.SUPPRESSED, gate.admit("scan", "4", "d", 2 * S));
        assertEquals(0, gate.admit("other", "3", "x", 2 * S), "the limit is per rule");
        assertEquals(2, gate.suppressed());
        assertEquals(2, gate.admit("scan", "5", "e", 11 * S), "the next window's first alert reports the 2 held back");
        assertEquals(0, gate.admit("scan", "6", "f", 11 * S), "and the count is reported only once");
    }

    @Test
    void whenMaxKeysWindowsAreOpenNewSubjectsAlertWithoutDedupAndAreCounted() {
        AlertGate<String> gate = new AlertGate<>(60 * S, 0, 2);
        gate.admit("r", "1", "a", 0);
        gate.admit("r", "2", "b", 0);
        assertEquals(0, gate.admit("r", "3", "c", S), "no room: it alerts rather than being lost");
        assertEquals(0, gate.admit("r", "3", "c2", 2 * S), "and without a window it is not deduplicated");
        assertEquals(2, gate.overflow());
        assertEquals(2, gate.openWindows(), "memory stays bounded");
    }

    @Test
    void aFullGateClearsEndedWindowsFirstAndKeepsTheirSummariesForTheNextExpire() {
        AlertGate<String> gate = new AlertGate<>(10 * S, 0, 2);
        gate.admit("r", "1", "a", 0);
        gate.admit("r", "1", "a2", S);
        gate.admit("r", "2", "b", 0);
        assertEquals(0, gate.admit("r", "3", "c", 20 * S));
        assertEquals(0, gate.overflow(), "the ended windows made room");
        assertEquals(1, gate.openWindows());
        assertEquals(List.of(new AlertGate.Summary<>("r", "1", "a2", 1, 0)), gate.expire(21 * S));
    }

    @Test
    void aZeroWindowSwitchesDedupAndTheRateLimitOff() {
        AlertGate<String> gate = new AlertGate<>(0, 1, 100);
        for (int i = 0; i < 5; i++) {
            assertEquals(0, gate.admit("r", "1", "e", i));
        }
        assertEquals(0, gate.openWindows());
        assertEquals(0, gate.suppressed());
        assertEquals(List.of(), gate.expire(10));
    }

    @Test
    void negativeSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AlertGate<String>(-1, 0, 100));
        assertThrows(IllegalArgumentException.class, () -> new AlertGate<String>(S, -1, 100));
        assertThrows(IllegalArgumentException.class, () -> new AlertGate<String>(S, 0, -1));
        assertTrue(new AlertGate<String>(S, 0, 0).windowNanos() == S);
    }
}
