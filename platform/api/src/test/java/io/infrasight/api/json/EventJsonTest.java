package io.infrasight.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.alert.Severity;
import io.infrasight.api.event.Context;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.ExecEvent;
import io.infrasight.api.event.SyscallFrequencyEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static EventHeader header(EventKind kind) {
        return new EventHeader(kind, 1_764_239_685_000_000_123L, 42, 100, 101, 1, 0, 0, 0, 7, "bash", 0, 0,
                "node-1", Context.EMPTY.with("user.name", "root"));
    }

    @Test
    void execEventRendersHeaderDataAndContextWithNanosecondTime() {
        ExecEvent e = new ExecEvent(header(EventKind.EXEC), "/bin/ls", List.of("ls", "-l \"x\""), false, "/tmp",
                false, true);
        String json = new EventJson().toJson(e);
        assertTrue(json.startsWith("{\"schema\":1,\"time\":\"2025-11-27T10:34:45.000000123Z\",\"kind\":\"exec\""),
                json);
        assertTrue(json.contains("\"argv\":[\"ls\",\"-l \\\"x\\\"\"]"), json);
        assertTrue(json.contains("\"exe_deleted\":true"), json);
        assertTrue(json.endsWith("\"context\":{\"user.name\":\"root\"}}"), json);
    }

    @Test
    void controlCharactersAreEscaped() {
        JsonWriter w = new JsonWriter();
        w.value("a\u0001b\u2028");
        assertEquals("\"a\\u0001b\\u2028\"", w.buffer().toString());
    }

    @Test
    void syscallCountsAreSortedById() {
        SyscallFrequencyEvent e = new SyscallFrequencyEvent(header(EventKind.SYSCALL_FREQUENCY), 10,
                Map.of(257, 3L, 0, 9L));
        String json = new EventJson().toJson(e);
        assertTrue(json.contains("\"counts\":{\"0\":9,\"257\":3}"), json);
    }

    @Test
    void alertCarriesRuleSeverityAndTriggeringEvent() {
        ExecEvent e = new ExecEvent(header(EventKind.EXEC), "/bin/sh", List.of("sh"), false, "", true, false);
        Alert a = new Alert("a1", 1_000_000_000L, "shell_in_container", Severity.WARNING, "shell", List.of("T1059"),
                "sentinel", Map.of(), e);
        String json = new AlertJson().toJson(a);
        assertTrue(json.contains("\"time\":\"1970-01-01T00:00:01.000000000Z\""), json);
        assertTrue(json.contains("\"rule\":\"shell_in_container\",\"severity\":\"warning\""), json);
        assertTrue(json.contains("\"event\":{\"schema\":1"), json);
    }

    @Test
    void headerKindMustMatchRecord() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ExecEvent(header(EventKind.OPEN), "/bin/ls", List.of(), false, "", false, false));
    }
}
