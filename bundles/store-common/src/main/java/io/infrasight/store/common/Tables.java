package io.infrasight.store.common;

import static io.infrasight.store.common.ColType.BOOL;
import static io.infrasight.store.common.ColType.INT32;
import static io.infrasight.store.common.ColType.INT32_ARRAY;
import static io.infrasight.store.common.ColType.INT64;
import static io.infrasight.store.common.ColType.INT64_ARRAY;
import static io.infrasight.store.common.ColType.STRING;
import static io.infrasight.store.common.ColType.STRING_ARRAY;
import static io.infrasight.store.common.ColType.TIME;

import io.infrasight.api.event.EventKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The logical schema shared by every store. One table per family of kinds with the same payload
 * (open and chmod are both "a path was touched"), so that the common questions ("what did this
 * process touch", "who connected where") are one table scan, and a table per kind would not be
 * twelve nearly empty tables. {@code time} is the event's wall-clock time at the store's best
 * precision; {@code time_ns} keeps the exact nanoseconds on every store and server version.
 */
public final class Tables {
    /** Columns every event table starts with, in this order (see {@link Rows#header}). */
    public static final List<Column> HEADER = List.of(
            Column.of("time", TIME), Column.of("time_ns", INT64), Column.of("mono_ns", INT64),
            Column.low("kind"), Column.low("node"),
            Column.of("pid", INT32), Column.of("tid", INT32), Column.of("ppid", INT32),
            Column.of("uid", INT32), Column.of("gid", INT32), Column.of("euid", INT32),
            Column.of("cgroup_id", INT64), Column.low("comm"), Column.of("retval", INT64),
            Column.of("latency_ns", INT64),
            // lifted out of the context because dashboards group by them
            Column.of("container_id", STRING), Column.low("user_name"),
            Column.of("context", STRING));

    public static final Table EXEC = events("exec_events", Set.of(EventKind.EXEC),
            Column.of("filename", STRING), Column.of("argv", STRING_ARRAY), Column.of("argv_truncated", BOOL),
            Column.of("cwd", STRING), Column.of("exe_memfd", BOOL), Column.of("exe_deleted", BOOL));
    public static final Table FILE = events("file_events", Set.of(EventKind.OPEN, EventKind.CHMOD),
            Column.of("path", STRING), Column.of("flags", INT32), Column.of("mode", INT32), Column.low("syscall"));
    public static final Table NETWORK = events("network_events", Set.of(EventKind.CONNECT, EventKind.ACCEPT),
            Column.of("family", INT32), Column.of("sock_type", INT32), Column.of("protocol", INT32),
            Column.of("local_address", STRING), Column.of("local_port", INT32),
            Column.of("remote_address", STRING), Column.of("remote_port", INT32));
    public static final Table PTRACE = events("ptrace_events", Set.of(EventKind.PTRACE),
            Column.of("request", INT64), Column.low("request_name"), Column.of("target_pid", INT32),
            Column.of("addr", INT64), Column.of("data", INT64));
    public static final Table MEMORY = events("memory_events", Set.of(EventKind.MMAP, EventKind.MPROTECT),
            Column.of("addr", INT64), Column.of("length", INT64), Column.of("prot", INT32),
            Column.of("flags", INT32), Column.of("fd", INT32), Column.of("path", STRING),
            Column.of("write_exec", BOOL));
    public static final Table MOUNT = events("mount_events", Set.of(EventKind.MOUNT, EventKind.UMOUNT),
            Column.of("source", STRING), Column.of("target", STRING), Column.low("fs_type"),
            Column.of("flags", INT64), Column.of("mnt_ns_id", INT64), Column.low("syscall"));
    public static final Table RESOURCE = events("resource_events", Set.of(EventKind.RESOURCE),
            Column.of("interval_ns", INT64), Column.of("cpu_ns", INT64), Column.of("minor_faults", INT64),
            Column.of("major_faults", INT64), Column.of("rss_bytes", INT64), Column.of("read_bytes", INT64),
            Column.of("write_bytes", INT64), Column.of("threads", INT32), Column.low("lifecycle"),
            // added with api.event 1.1: existing tables get it from the stores' migration
            Column.of("forks", INT32));
    /** Counts as two parallel arrays: ClickHouse 18.16 has no Map type. */
    public static final Table SYSCALLS = events("syscall_events", Set.of(EventKind.SYSCALL_FREQUENCY),
            Column.of("interval_ns", INT64), Column.of("syscall_ids", INT32_ARRAY),
            Column.of("syscall_counts", INT64_ARRAY));

    public static final Table ALERTS = new Table("alerts", List.of(
            Column.of("time", TIME), Column.of("time_ns", INT64), Column.of("id", STRING),
            Column.low("rule_id"), Column.low("severity"), Column.of("severity_level", INT32),
            Column.of("message", STRING), Column.of("tags", STRING_ARRAY), Column.low("detector"),
            Column.of("details", STRING), Column.low("node"), Column.low("kind"), Column.of("pid", INT32),
            Column.low("comm"), Column.of("container_id", STRING), Column.of("event", STRING)), Set.of());

    public static final List<Table> EVENT_TABLES = List.of(EXEC, FILE, NETWORK, PTRACE, MEMORY, MOUNT, RESOURCE,
            SYSCALLS);
    public static final List<Table> ALL = concat(EVENT_TABLES, ALERTS);

    private static final Map<EventKind, Table> BY_KIND = new EnumMap<>(EventKind.class);
    static {
        for (Table t : EVENT_TABLES) {
            for (EventKind k : t.kinds()) {
                BY_KIND.put(k, t);
            }
        }
        if (BY_KIND.size() != EventKind.values().length) {
            throw new IllegalStateException("an event kind has no table");
        }
    }

    private Tables() {
    }

    public static Table forKind(EventKind kind) {
        return BY_KIND.get(kind);
    }

    private static Table events(String name, Set<EventKind> kinds, Column... payload) {
        List<Column> cols = new ArrayList<>(HEADER);
        cols.addAll(List.of(payload));
        return new Table(name, cols, kinds);
    }

    private static List<Table> concat(List<Table> a, Table b) {
        List<Table> all = new ArrayList<>(a);
        all.add(b);
        return List.copyOf(all);
    }
}
