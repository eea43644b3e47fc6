package io.infrasight.store.common;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.alert.Severity;
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
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Events of every kind with distinct, awkward values (tabs, quotes, newlines, non-ASCII, negative
 * and 64-bit numbers), chosen so that every dashboard panel has rows over them.
 */
public final class Samples {
    private Samples() {
    }

    public static EventHeader header(EventKind kind, long timeNanos, String node, int pid, String comm, long retval) {
        Context ctx = Context.EMPTY.with("container.id", "c0ffee" + (pid % 3)).with("user.name", "root")
                .with("pod", Map.of("name", "web-1", "labels", List.of("a", "b\"q")));
        return new EventHeader(kind, timeNanos, 123_456_789_012L + pid, pid, pid + 1, 1, 0, 0, 0,
                0x7FFF_FFFF_FFFFL + pid, comm, retval, 1_500 + pid, node, ctx);
    }

    /** One event of each of the twelve kinds, 1 ms apart from {@code baseNanos}. */
    public static List<Event> allKinds(long baseNanos, String node) {
        List<Event> l = new ArrayList<>();
        long t = baseNanos;
        l.add(new ExecEvent(header(EventKind.EXEC, t, node, 101, "bash", 0), "/usr/bin/ev\til",
                List.of("ev\til", "--name='x y'", "line\nbreak", "ünïcødé ✓"), true, "/tmp/wörk", true, false));
        l.add(new OpenEvent(header(EventKind.OPEN, t += 1_000_000, node, 102, "cat", 3), "/etc/shadow", 0x80000, 0,
                "openat"));
        l.add(new ChmodEvent(header(EventKind.CHMOD, t += 1_000_000, node, 103, "chmod", 0), "/tmp/x.sh", 0755,
                "fchmodat"));
        l.add(new ConnectEvent(header(EventKind.CONNECT, t += 1_000_000, node, 104, "curl", -111), 2, 1, 6,
                "10.0.0.5", 40222, "93.184.216.34", 443));
        l.add(new AcceptEvent(header(EventKind.ACCEPT, t += 1_000_000, node, 105, "nginx", 7), 10, 1, 6, "::1", 8080,
                "::ffff:10.1.2.3", 51515));
        l.add(new PtraceEvent(header(EventKind.PTRACE, t += 1_000_000, node, 106, "gdb", 0), 16, "PTRACE_ATTACH", 4242,
                0xFFFF_FFFF_FFFF_FFF0L, -1));
        l.add(new MmapEvent(header(EventKind.MMAP, t += 1_000_000, node, 107, "java", 0x7f00_0000_0000L),
                0x7f00_0000_0000L, 1L << 33, 7, 0x22, -1, "", true));
        l.add(new MprotectEvent(header(EventKind.MPROTECT, t += 1_000_000, node, 108, "node", 0), 0x5555_0000L, 4096,
                7, true));
        l.add(new MountEvent(header(EventKind.MOUNT, t += 1_000_000, node, 109, "mount", 0), "/dev/sdb1", "/mnt/data",
                "ext4", 0x8000_0000L, 4026531840L, "mount"));
        l.add(new UmountEvent(header(EventKind.UMOUNT, t += 1_000_000, node, 110, "umount", 0), "/mnt/data", 2,
                4026531840L));
        l.add(new ResourceEvent(header(EventKind.RESOURCE, t += 1_000_000, node, 111, "postgres", 0), 10_000_000_000L,
                2_500_000_000L, 1234, 5, 512L << 20, 1L << 40, 77, 12, Lifecycle.EXIT));
        l.add(new SyscallFrequencyEvent(header(EventKind.SYSCALL_FREQUENCY, t += 1_000_000, node, 112, "redis", 0),
                10_000_000_000L, Map.of(0, 10L, 1, 20L, 257, 3_000_000_000L)));
        return l;
    }

    /** A rule alert with its triggering event, and an ML alert without one. */
    public static List<Alert> alerts(long timeNanos, Event trigger) {
        return List.of(
                new Alert("a-" + timeNanos, timeNanos, "read_sensitive_file", Severity.CRITICAL,
                        "cat read /etc/shadow (user=root)", List.of("mitre_credential_access", "T1003.008"), "sentinel",
                        Map.of("count", 1L), trigger),
                new Alert("m-" + timeNanos, timeNanos + 1, "resource_anomaly", Severity.WARNING,
                        "postgres uses unusual CPU", List.of("ml"), "ml-resource", Map.of("score", 0.93, "threshold", 0.8),
                        null));
    }

    /** A configuration annotation with its defaults, some overridden by method name. */
    @SuppressWarnings("unchecked")
    public static <A extends Annotation> A config(Class<A> type, Map<String, Object> values) {
        return (A) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, m, args) -> {
            if (values.containsKey(m.getName())) {
                return values.get(m.getName());
            }
            if (m.getDefaultValue() != null) {
                return m.getDefaultValue();
            }
            return switch (m.getName()) {
                case "annotationType" -> type;
                case "toString" -> type.getSimpleName() + values;
                case "hashCode" -> values.hashCode();
                case "equals" -> proxy == args[0];
                default -> throw new IllegalStateException("no value for " + m.getName());
            };
        });
    }

    /** Collects reported problems instead of logging them, so tests can assert on them. */
    public static final class Problems implements io.infrasight.api.status.ConfigProblems {
        private final Map<String, List<io.infrasight.api.status.ConfigProblem>> byPid = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void report(String pid, List<io.infrasight.api.status.ConfigProblem> problems) {
            byPid.put(pid, List.copyOf(problems));
        }

        @Override
        public List<io.infrasight.api.status.ConfigProblem> list() {
            return byPid.values().stream().flatMap(List::stream).toList();
        }
    }
}
