package io.infrasight.sentinel.internal;

import io.infrasight.api.event.ChmodEvent;
import io.infrasight.api.event.ConnectEvent;
import io.infrasight.api.event.Context;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.ExecEvent;
import io.infrasight.api.event.MmapEvent;
import io.infrasight.api.event.MountEvent;
import io.infrasight.api.event.MprotectEvent;
import io.infrasight.api.event.OpenEvent;
import io.infrasight.api.event.PtraceEvent;
import java.util.List;
import java.util.Map;

/**
 * Builds the event records the probes produce for a behaviour, with the enrichment keys the
 * enrichers attach. {@code proc} is a process description: comm, pid, uid and context.
 */
final class Ev {
    static final int O_RDONLY = 0;
    static final int O_WRONLY = 1;
    static final int O_RDWR = 2;
    static final int O_CREAT = 0100;
    static final int O_TRUNC = 01000;
    static final int O_APPEND = 02000;

    /** A process as the enrichers would describe it. */
    record Proc(String comm, int pid, int ppid, int uid, Context ctx) {
        Proc in(String containerId) {
            return new Proc(comm, pid, ppid, uid, ctx.with("container.id", containerId)
                    .with("container.image", "shop/web:1.4").with("k8s.pod.name", "web-0").with("k8s.ns.name", "shop"));
        }

        Proc parent(String pname) {
            return new Proc(comm, pid, ppid, uid, ctx.with("proc.pname", pname)
                    .with("proc.ancestors", List.of(Map.of("pid", ppid, "comm", pname, "exe", "/usr/bin/" + pname))));
        }

        Proc with(String key, Object value) {
            return new Proc(comm, pid, ppid, uid, ctx.with(key, value));
        }

        Proc named(String newComm) {
            return new Proc(newComm, pid, ppid, uid, ctx);
        }

        EventHeader header(EventKind kind, long retval) {
            return new EventHeader(kind, System.currentTimeMillis() * 1_000_000L, System.nanoTime(), pid, pid, ppid, uid,
                    uid, uid, 4242, comm, retval, 1000, "node-1", ctx);
        }
    }

    private Ev() {
    }

    static Proc proc(String comm) {
        return new Proc(comm, 4711, 4700, 1000, Context.EMPTY.with("user.name", "alice").with("container.id", "host"));
    }

    static Proc root(String comm) {
        return new Proc(comm, 4711, 4700, 0, Context.EMPTY.with("user.name", "root").with("container.id", "host"));
    }

    static ExecEvent exec(Proc p, String filename, String... argv) {
        return new ExecEvent(p.header(EventKind.EXEC, 0), filename, List.of(argv), false, "/", false, false);
    }

    static ExecEvent execFlags(Proc p, String filename, boolean memfd, boolean deleted, String... argv) {
        return new ExecEvent(p.header(EventKind.EXEC, 0), filename, List.of(argv), false, "/", memfd, deleted);
    }

    static OpenEvent open(Proc p, String path, int flags) {
        return new OpenEvent(p.header(EventKind.OPEN, 3), path, flags, (flags & O_CREAT) != 0 ? 0644 : 0, "openat");
    }

    static ChmodEvent chmod(Proc p, String path, int mode) {
        return new ChmodEvent(p.header(EventKind.CHMOD, 0), path, mode, "fchmodat");
    }

    static ConnectEvent connect(Proc p, int family, String addr, int port) {
        return new ConnectEvent(p.header(EventKind.CONNECT, 0), family, 1, family == 1 ? 0 : 6,
                family == 10 ? "::1" : family == 1 ? "" : "10.1.2.3", family == 1 ? 0 : 40000, addr, port);
    }

    static PtraceEvent ptrace(Proc p, long request, String name, int target) {
        return new PtraceEvent(p.header(EventKind.PTRACE, 0), request, name, target, 0x401000, 0x90909090L);
    }

    static MmapEvent mmap(Proc p, int prot, boolean wx) {
        return new MmapEvent(p.header(EventKind.MMAP, 0x7f0000000000L), 0, 4096, prot, 0x22, -1, "", wx);
    }

    static MprotectEvent mprotect(Proc p, int prot, boolean wx) {
        return new MprotectEvent(p.header(EventKind.MPROTECT, 0), 0x7f0000001000L, 4096, prot, wx);
    }

    static io.infrasight.api.event.ResourceEvent resource(Proc p, long cpuNs, int forks) {
        return new io.infrasight.api.event.ResourceEvent(p.header(EventKind.RESOURCE, 0), 10_000_000_000L, cpuNs, 120, 0,
                8L << 20, 4096, 512, 1, forks, io.infrasight.api.event.Lifecycle.RUNNING);
    }

    static MountEvent mount(Proc p, String source, String target, String fstype, long flags) {
        return new MountEvent(p.header(EventKind.MOUNT, 0), source, target, fstype, flags, 4026531841L, "mount");
    }
}
