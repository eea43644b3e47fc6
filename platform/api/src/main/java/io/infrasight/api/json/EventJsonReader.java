package io.infrasight.api.json;

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
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@link EventJson} form back into event records, for consumers of that form (the Kafka
 * source, replays of events.jsonl). The parser is a small hand-written one so that the API bundle
 * keeps no runtime dependency. Numbers come back as {@link Long} or {@link Double}, so context
 * values written as {@code Integer} are read as {@code Long}. Unknown fields are ignored, so that
 * writers may add fields (such as an envelope {@code id}) without a new schema version.
 * Stateless and thread-safe.
 */
public final class EventJsonReader {

    /** Why a text is not an event; {@link #reason()} is a short snake_case code for counters. */
    public static final class InvalidEventException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String reason;

        public InvalidEventException(String reason, String message) {
            super(message);
            this.reason = reason;
        }

        /** One of {@code malformed_json}, {@code wrong_schema}, {@code unknown_kind}, {@code invalid_event}. */
        public String reason() {
            return reason;
        }
    }

    public static final String MALFORMED_JSON = "malformed_json";
    public static final String WRONG_SCHEMA = "wrong_schema";
    public static final String UNKNOWN_KIND = "unknown_kind";
    public static final String INVALID_EVENT = "invalid_event";

    /** Parses one event. @throws InvalidEventException with a reason code */
    public Event read(CharSequence json) {
        return toEvent(parseObject(json));
    }

    /** Parses any JSON object into maps, lists, strings, Long, Double, Boolean and null. */
    public Map<String, Object> parseObject(CharSequence json) {
        Object v;
        try {
            JsonParser p = new JsonParser(json);
            v = p.value();
            p.end();
        } catch (RuntimeException e) {
            throw new InvalidEventException(MALFORMED_JSON, e.getMessage());
        }
        if (!(v instanceof Map)) {
            throw new InvalidEventException(MALFORMED_JSON, "not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        return m;
    }

    /** Builds the event from a parsed {@link EventJson} object. */
    public Event toEvent(Map<String, Object> m) {
        Object schema = m.get("schema");
        if (!(schema instanceof Long s) || s != EventJson.SCHEMA_VERSION) {
            throw new InvalidEventException(WRONG_SCHEMA, "schema " + schema + ", expected " + EventJson.SCHEMA_VERSION);
        }
        EventKind kind;
        try {
            kind = EventKind.parse(str(m, "kind"));
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(UNKNOWN_KIND, e.getMessage());
        }
        try {
            return build(kind, m);
        } catch (InvalidEventException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InvalidEventException(INVALID_EVENT, kind.id() + ": " + e.getMessage());
        }
    }

    private static Event build(EventKind kind, Map<String, Object> m) {
        long time;
        try {
            Instant t = Instant.parse(str(m, "time"));
            time = Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidEventException(INVALID_EVENT, "bad time: " + e.getMessage());
        }
        Object ctx = m.get("context");
        Context context = Context.EMPTY;
        if (ctx instanceof Map<?, ?> c) {
            @SuppressWarnings("unchecked")
            Map<String, ?> cm = (Map<String, ?>) c;
            context = Context.EMPTY.with(withoutNulls(cm));
        } else if (ctx != null) {
            throw new InvalidEventException(INVALID_EVENT, "context is not an object");
        }
        EventHeader h = new EventHeader(kind, time, num(m, "mono_ns"), i32(m, "pid"), i32(m, "tid"),
                i32(m, "ppid"), i32(m, "uid"), i32(m, "gid"), i32(m, "euid"), num(m, "cgroup_id"),
                str(m, "comm"), num(m, "retval"), num(m, "latency_ns"), str(m, "node"), context);
        Object data = m.get("data");
        if (!(data instanceof Map)) {
            throw new InvalidEventException(INVALID_EVENT, "missing data object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> d = (Map<String, Object>) data;
        return switch (kind) {
            case EXEC -> new ExecEvent(h, str(d, "filename"), strings(d, "argv"), bool(d, "argv_truncated"),
                    str(d, "cwd"), bool(d, "exe_memfd"), bool(d, "exe_deleted"));
            case OPEN -> new OpenEvent(h, str(d, "path"), i32(d, "flags"), i32(d, "mode"), str(d, "syscall"));
            case CHMOD -> new ChmodEvent(h, str(d, "path"), i32(d, "mode"), str(d, "syscall"));
            case CONNECT -> new ConnectEvent(h, i32(d, "family"), i32(d, "sock_type"), i32(d, "protocol"),
                    str(d, "local_address"), i32(d, "local_port"), str(d, "remote_address"), i32(d, "remote_port"));
            case ACCEPT -> new AcceptEvent(h, i32(d, "family"), i32(d, "sock_type"), i32(d, "protocol"),
                    str(d, "local_address"), i32(d, "local_port"), str(d, "remote_address"), i32(d, "remote_port"));
            case PTRACE -> new PtraceEvent(h, num(d, "request"), str(d, "request_name"), i32(d, "target_pid"),
                    num(d, "addr"), num(d, "data"));
            case MMAP -> new MmapEvent(h, num(d, "addr"), num(d, "length"), i32(d, "prot"), i32(d, "flags"),
                    i32(d, "fd"), str(d, "path"), bool(d, "write_exec"));
            case MPROTECT -> new MprotectEvent(h, num(d, "addr"), num(d, "length"), i32(d, "prot"),
                    bool(d, "write_exec"));
            case MOUNT -> new MountEvent(h, str(d, "source"), str(d, "target"), str(d, "fs_type"),
                    num(d, "flags"), num(d, "mnt_ns_id"), str(d, "syscall"));
            case UMOUNT -> new UmountEvent(h, str(d, "target"), num(d, "flags"), num(d, "mnt_ns_id"));
            case RESOURCE -> new ResourceEvent(h, num(d, "interval_ns"), num(d, "cpu_ns"),
                    num(d, "minor_faults"), num(d, "major_faults"), num(d, "rss_bytes"), num(d, "read_bytes"),
                    num(d, "write_bytes"), i32(d, "threads"),
                    // absent from the events of agents older than api.event 1.1: no forks
                    d.containsKey("forks") ? nonNegative(d, "forks") : 0,
                    Lifecycle.valueOf(str(d, "lifecycle").toUpperCase(Locale.ROOT)));
            case SYSCALL_FREQUENCY -> new SyscallFrequencyEvent(h, num(d, "interval_ns"), counts(d));
        };
    }

    private static Map<String, Object> withoutNulls(Map<String, ?> m) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v != null) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static Map<Integer, Long> counts(Map<String, Object> d) {
        Object c = d.get("counts");
        if (!(c instanceof Map<?, ?> cm)) {
            throw new InvalidEventException(INVALID_EVENT, "counts is not an object");
        }
        Map<Integer, Long> out = new HashMap<>();
        for (Map.Entry<?, ?> e : cm.entrySet()) {
            if (!(e.getValue() instanceof Long v)) {
                throw new InvalidEventException(INVALID_EVENT, "count " + e.getKey() + " is not an integer");
            }
            out.put(Integer.parseInt((String) e.getKey()), v);
        }
        return out;
    }

    private static String str(Map<String, Object> m, String k) {
        Object v = m.get(k);
        if (v instanceof String s) {
            return s;
        }
        throw new InvalidEventException(INVALID_EVENT, k + " is not a string");
    }

    private static long num(Map<String, Object> m, String k) {
        Object v = m.get(k);
        if (v instanceof Long l) {
            return l;
        }
        throw new InvalidEventException(INVALID_EVENT, k + " is not an integer");
    }

    private static int nonNegative(Map<String, Object> m, String k) {
        long v = num(m, k);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new InvalidEventException(INVALID_EVENT, k + " out of range");
        }
        return (int) v;
    }

    private static int i32(Map<String, Object> m, String k) {
        long v = num(m, k);
        if (v < Integer.MIN_VALUE || v > 0xFFFF_FFFFL) {
            throw new InvalidEventException(INVALID_EVENT, k + " out of range");
        }
        return (int) v;
    }

    private static boolean bool(Map<String, Object> m, String k) {
        Object v = m.get(k);
        if (v instanceof Boolean b) {
            return b;
        }
        throw new InvalidEventException(INVALID_EVENT, k + " is not a boolean");
    }

    private static List<String> strings(Map<String, Object> m, String k) {
        Object v = m.get(k);
        if (!(v instanceof List<?> l)) {
            throw new InvalidEventException(INVALID_EVENT, k + " is not an array");
        }
        List<String> out = new ArrayList<>(l.size());
        for (Object o : l) {
            if (!(o instanceof String s)) {
                throw new InvalidEventException(INVALID_EVENT, k + " holds a non-string");
            }
            out.add(s);
        }
        return out;
    }
}
