package io.infrasight.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValuesTest {
    @Test
    void objectsArraysNumbersStringsAndLiteralsBecomeJavaValuesInOrder() {
        Object v = JsonValues.parse(" {\"b\": [1, -2.5e1, true, false, null], \"a\": \"x\\u00e9\\n\\\"\"} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of("b", "a"), List.copyOf(m.keySet()));
        List<?> b = (List<?>) m.get("b");
        assertEquals(1L, b.get(0));
        assertEquals(-25.0, b.get(1));
        assertEquals(Boolean.TRUE, b.get(2));
        assertEquals(Boolean.FALSE, b.get(3));
        assertNull(b.get(4));
        assertEquals("x\u00e9\n\"", m.get("a"));
        assertEquals(Map.of(), JsonValues.parse("{}"));
        assertEquals(List.of(), JsonValues.parse("[ ]"));
    }

    @Test
    void malformedTextIsRejectedWithItsPosition() {
        for (String bad : new String[] {"", "{", "[1,]", "{\"a\" 1}", "\"open", "tru", "1 2", "{\"a\":1,}", "\"\\x\"", "-"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonValues.parse(bad), bad);
            assertTrue(e.getMessage().contains(" at "), e.getMessage());
        }
    }

    @Test
    void nestingBeyondSixtyFourLevelsIsRejectedRatherThanOverflowingTheStack() {
        String ok = "[".repeat(64) + "]".repeat(64);
        assertTrue(JsonValues.parse(ok) instanceof List<?>, "64 levels are fine");
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonValues.parse(deep));
        assertTrue(e.getMessage().startsWith("nested too deeply"), e.getMessage());
    }
}
