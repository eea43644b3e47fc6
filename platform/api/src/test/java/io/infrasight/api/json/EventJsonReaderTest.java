package io.infrasight.api.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.AcceptEvent;
import io.infrasight.api.event.ChmodEvent;
import io.infrasight.api.event.ConnectEvent;
import io.infrasight.api.event.Context;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.ExecEvent;
import io.infrasight.api.event.Lifecycle;
import io.infrasight.api.event.MmapEvent;
import io.infrasight.api.event.MountEvent;
import io.infrasight.api.event.MprotectEvent;
import io.infrasight.api.event.OpenEvent;
import io.infrasight.api.event.PtraceEvent;
import io.infrasight.api.event.ResourceEvent;
import io.infrasight.api.event.SyscallFrequencyEvent;
import io.infrasight.api.event.UmountEvent;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventJsonReaderTest {
    private final EventJsonReader reader = new EventJsonReader();

    private static EventHeader header(EventKind kind) {
        return new EventHeader(kind, 1_764_239_685_123_456_789L, 987_654_321L, 100, 101, 1, 1000, 1001, -1,
                123_456_789_012L, "b\"a\\sh\u0001é", -13, 4711, "node-1",
                Context.EMPTY.with("user.name", "root").with("container.id", "c0ffee").with("depth", 3L)
                        .with("ancestors", List.of("init", "sshd")).with("flag", true));
    }

    static List<Event> oneOfEveryKind() {
        return List.of(
                new ExecEvent(header(EventKind.EXEC), "/bin/ls", List.of("ls", "-l \"x\"", "\n"), true, "/tmp",
                        true, false),
                new OpenEvent(header(EventKind.OPEN), "/etc/shadow", 0x80000, 0644, "openat2"),
                new ChmodEvent(header(EventKind.CHMOD), "/tmp/x", 04755, "fchmodat"),
                new ConnectEvent(header(EventKind.CONNECT), 10, 1, 6, "::1", 40000, "2001:db8::1", 443),
                new AcceptEvent(header(EventKind.ACCEPT), 2, 1, 6, "127.0.0.1", 22, "10.0.0.2", 51234),
                new PtraceEvent(header(EventKind.PTRACE), 16, "PTRACE_ATTACH", 4242, 0x7fff_0000_1000L, -1),
                new MmapEvent(header(EventKind.MMAP), 0x7f00_0000_0000L, 8192, 7, 0x22, -1, "", true),
                new MprotectEvent(header(EventKind.MPROTECT), 0x55_0000_1000L, 4096, 5, false),
                new MountEvent(header(EventKind.MOUNT), "overlay", "/merged", "overlay", 0xC0ED_0000L, 4026531840L,
                        "mount"),
                new UmountEvent(header(EventKind.UMOUNT), "/mnt", 2, 4026531840L),
                new ResourceEvent(header(EventKind.RESOURCE), 1_000_000_000L, 5_000_000L, 10, 1, 1L << 33, 4096,
                        8192, 4, 3, Lifecycle.EXIT),
                new SyscallFrequencyEvent(header(EventKind.SYSCALL_FREQUENCY), 1_000_000_000L,
                        Map.of(0, 9L, 257, 3L, 59, Long.MAX_VALUE)));
    }

    @Test
    void everyKindSurvivesWriteThenRead() {
        Set<EventKind> seen = EnumSet.noneOf(EventKind.class);
        EventJson writer = new EventJson();
        for (Event e : oneOfEveryKind()) {
            assertEquals(e, reader.read(writer.toJson(e)), e.kind().id());
            seen.add(e.kind());
        }
        assertEquals(EnumSet.allOf(EventKind.class), seen, "the test must cover every kind");
    }

    @Test
    void aResourceEventOfAnOlderAgentHasNoForksAndANegativeCountIsRejected() {
        ResourceEvent e = (ResourceEvent) oneOfEveryKind().stream().filter(x -> x instanceof ResourceEvent).findFirst()
                .orElseThrow();
        String json = new EventJson().toJson(e);
        assertTrue(json.contains("\"forks\":3"), json);
        assertEquals(0, ((ResourceEvent) reader.read(json.replace(",\"forks\":3", ""))).forks(), "api.event 1.0 JSON");
        assertReason(EventJsonReader.INVALID_EVENT, json.replace("\"forks\":3", "\"forks\":-1"));
    }

    @Test
    void unknownFieldsSuchAsAnEnvelopeIdAreIgnored() {
        Event e = oneOfEveryKind().get(1);
        String json = new EventJson().toJson(e);
        String withId = json.substring(0, json.length() - 1) + ",\"id\":\"abc-1\",\"extra\":[1,2.5e3,null]}";
        assertEquals(e, reader.read(withId));
        assertEquals("abc-1", reader.parseObject(withId).get("id"));
    }

    @Test
    void malformedTruncatedWrongVersionAndUnknownKindAreRejectedWithTheirReason() {
        String good = new EventJson().toJson(oneOfEveryKind().get(0));
        assertReason(EventJsonReader.MALFORMED_JSON, "not json at all");
        assertReason(EventJsonReader.MALFORMED_JSON, good.substring(0, good.length() / 2));
        assertReason(EventJsonReader.MALFORMED_JSON, good + "x");
        assertReason(EventJsonReader.MALFORMED_JSON, "[1,2]");
        assertReason(EventJsonReader.MALFORMED_JSON, "[".repeat(10_000));
        assertReason(EventJsonReader.WRONG_SCHEMA, good.replace("\"schema\":1", "\"schema\":99"));
        assertReason(EventJsonReader.UNKNOWN_KIND, good.replace("\"kind\":\"exec\"", "\"kind\":\"teleport\""));
        assertReason(EventJsonReader.INVALID_EVENT, good.replace("\"pid\":100", "\"pid\":\"x\""));
        assertReason(EventJsonReader.INVALID_EVENT, good.replace("2025-11-27T", "yesterday"));
    }

    private void assertReason(String reason, String text) {
        EventJsonReader.InvalidEventException e = assertThrows(EventJsonReader.InvalidEventException.class,
                () -> reader.read(text));
        assertEquals(reason, e.reason(), e.getMessage());
    }
}
