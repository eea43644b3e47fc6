package io.infrasight.sentinel.internal.lang;

import static io.infrasight.api.event.EventKind.ACCEPT;
import static io.infrasight.api.event.EventKind.CHMOD;
import static io.infrasight.api.event.EventKind.CONNECT;
import static io.infrasight.api.event.EventKind.EXEC;
import static io.infrasight.api.event.EventKind.MMAP;
import static io.infrasight.api.event.EventKind.MOUNT;
import static io.infrasight.api.event.EventKind.MPROTECT;
import static io.infrasight.api.event.EventKind.OPEN;
import static io.infrasight.api.event.EventKind.PTRACE;
import static io.infrasight.api.event.EventKind.RESOURCE;
import static io.infrasight.api.event.EventKind.UMOUNT;

import io.infrasight.api.event.AcceptEvent;
import io.infrasight.api.event.ChmodEvent;
import io.infrasight.api.event.ConnectEvent;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.ExecEvent;
import io.infrasight.api.event.MmapEvent;
import io.infrasight.api.event.MountEvent;
import io.infrasight.api.event.MprotectEvent;
import io.infrasight.api.event.OpenEvent;
import io.infrasight.api.event.PtraceEvent;
import io.infrasight.api.event.ResourceEvent;
import io.infrasight.api.event.UmountEvent;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every field a condition or output template can name. This table is the sandbox: a name that is
 * not here cannot be compiled, so a rule can read the event and its enrichment and nothing else.
 */
public final class Fields {
    /** Enrichment keys may be anything; {@code ctx.<key>} reads one as a string (null when missing). */
    public static final String CONTEXT_PREFIX = "ctx.";

    private static final Map<String, Field> FIELDS = new LinkedHashMap<>();

    private static final int O_ACCMODE = 3;
    private static final int O_WRONLY = 1;
    private static final int O_RDWR = 2;
    private static final int O_CREAT = 0100;
    private static final int O_TRUNC = 01000;

    static {
        Set<EventKind> all = Field.ALL;
        // header
        add(Field.str("evt.kind", all, "event kind id (exec, open, ...)", f -> f.event().kind().id()));
        add(Field.num("evt.retval", all, "syscall result: a value or a negative errno", f -> h(f).retval()));
        add(Field.bool("evt.failed", all, "the syscall returned an error", f -> h(f).retval() < 0));
        add(Field.str("evt.node", all, "host that observed the event", f -> h(f).node()));
        add(Field.num("proc.pid", all, "process id (tgid)", f -> h(f).pid()));
        add(Field.num("proc.tid", all, "thread id", f -> h(f).tid()));
        add(Field.num("proc.ppid", all, "parent process id", f -> h(f).ppid()));
        add(Field.str("proc.name", all, "task name (comm, at most 15 characters)", f -> h(f).comm()));
        add(Field.str("proc.comm", all, "same as proc.name", f -> h(f).comm()));
        add(Field.num("proc.cgroup_id", all, "cgroup v2 id", f -> h(f).cgroupId()));
        add(Field.num("user.uid", all, "real user id", f -> h(f).uid()));
        add(Field.num("user.gid", all, "real group id", f -> h(f).gid()));
        add(Field.num("user.euid", all, "effective user id", f -> h(f).euid()));
        // process, from the event for exec and from enrichment otherwise
        add(Field.str("proc.exe", all, "executable path (exec: the file executed; others: enrichment proc.exe)",
                f -> f.event() instanceof ExecEvent x ? x.filename() : ctx(f, "proc.exe")));
        add(Field.str("proc.cmdline", all, "command line joined by spaces", Frame::cmdline));
        add(Field.str("proc.args", all, "arguments without argv[0], joined by spaces", Frame::args));
        add(Field.str("proc.pname", all, "parent's name (enrichment proc.pname, else the first ancestor)",
                f -> parentName(f)));
        add(Field.str("proc.pexe", all, "parent's executable (enrichment)", f -> ctx(f, "proc.pexe")));
        add(Field.list("proc.ancestors", all, "names of the ancestors, parent first (enrichment proc.ancestors)",
                f -> ContextFields.list(f.event(), "proc.ancestors")));
        add(Field.list("proc.aexe", all, "executables of the ancestors (enrichment proc.ancestors[].exe)",
                f -> ContextFields.list(f.event().header().context().get("proc.ancestors"), "exe")));
        add(Field.str("proc.tty", all, "controlling terminal, empty when none (enrichment)", f -> ctx(f, "proc.tty")));
        add(Field.str("proc.status", all, "live, exited or unknown (enrichment)", f -> ctx(f, "proc.status")));
        add(Field.str("proc.start_time", all, "process start, ISO-8601 (enrichment)", f -> ctx(f, "proc.start_time")));
        add(Field.str("user.name", all, "user name (enrichment)", f -> ctx(f, "user.name")));
        add(Field.str("user.euid_name", all, "effective user name (enrichment)", f -> ctx(f, "user.euid_name")));
        add(Field.str("group.name", all, "group name (enrichment)", f -> ctx(f, "group.name")));
        add(Field.str("container.id", all, "container id, \"host\" for host processes (enrichment)",
                f -> ctx(f, "container.id")));
        add(Field.str("container.name", all, "container name (enrichment)", f -> ctx(f, "container.name")));
        add(Field.str("container.image", all, "container image (enrichment)", f -> ctx(f, "container.image")));
        add(Field.str("container.runtime", all, "docker, containerd, cri-o, podman (enrichment)",
                f -> ctx(f, "container.runtime")));
        add(Field.str("k8s.pod.name", all, "pod name (enrichment)", f -> ctx(f, "k8s.pod.name")));
        add(Field.str("k8s.ns.name", all, "pod namespace (enrichment)", f -> ctx(f, "k8s.ns.name")));
        add(Field.str("k8s.pod.uid", all, "pod uid (enrichment)", f -> ctx(f, "k8s.pod.uid")));
        add(Field.str("k8s.container.name", all, "container name in the pod (enrichment)",
                f -> ctx(f, "k8s.container.name")));
        // exec
        Set<EventKind> exec = EnumSet.of(EXEC);
        add(Field.str("exec.filename", exec, "path passed to execve", f -> exec(f).filename()));
        add(Field.str("exec.basename", exec, "last path element of exec.filename", f -> base(exec(f).filename())));
        add(Field.list("exec.argv", exec, "argument vector", f -> exec(f).argv()));
        add(Field.str("exec.argv0", exec, "argv[0]", f -> exec(f).argv().isEmpty() ? "" : exec(f).argv().get(0)));
        add(Field.str("exec.args", exec, "arguments without argv[0], joined by spaces", Frame::args));
        add(Field.str("exec.cmdline", exec, "argv joined by spaces", Frame::cmdline));
        add(Field.str("exec.cwd", exec, "working directory (empty until the probe captures it)", f -> exec(f).cwd()));
        add(Field.bool("exec.memfd", exec, "the executed file is a memfd (fileless)", f -> exec(f).exeMemfd()));
        add(Field.bool("exec.deleted", exec, "the executed file was deleted", f -> exec(f).exeDeleted()));
        add(Field.bool("exec.argv_truncated", exec, "argv was cut by the probe", f -> exec(f).argvTruncated()));
        // open
        Set<EventKind> open = EnumSet.of(OPEN);
        add(Field.str("open.path", open, "path opened (absolute when resolvable)", f -> open(f).path()));
        add(Field.str("open.basename", open, "last path element", f -> base(open(f).path())));
        add(Field.str("open.dirname", open, "directory part", f -> dir(open(f).path())));
        add(Field.num("open.flags", open, "open flags", f -> open(f).flags()));
        add(Field.num("open.mode", open, "mode for O_CREAT", f -> open(f).mode()));
        add(Field.str("open.syscall", open, "open, openat or openat2", f -> open(f).syscall()));
        add(Field.bool("open.read", open, "opened for reading (O_RDONLY or O_RDWR)",
                f -> (open(f).flags() & O_ACCMODE) != O_WRONLY));
        add(Field.bool("open.write", open, "opened for writing (O_WRONLY or O_RDWR)",
                f -> (open(f).flags() & O_ACCMODE) == O_WRONLY || (open(f).flags() & O_ACCMODE) == O_RDWR));
        add(Field.bool("open.create", open, "O_CREAT", f -> (open(f).flags() & O_CREAT) != 0));
        add(Field.bool("open.trunc", open, "O_TRUNC", f -> (open(f).flags() & O_TRUNC) != 0));
        add(Field.str("file.path", EnumSet.of(OPEN, CHMOD, MMAP), "open.path, chmod.path or mmap.path",
                f -> f.event() instanceof OpenEvent o ? o.path()
                        : f.event() instanceof ChmodEvent c ? c.path() : ((MmapEvent) f.event()).path()));
        // chmod
        Set<EventKind> chmod = EnumSet.of(CHMOD);
        add(Field.str("chmod.path", chmod, "path whose mode changed", f -> chmod(f).path()));
        add(Field.num("chmod.mode", chmod, "new mode", f -> chmod(f).mode()));
        add(Field.str("chmod.syscall", chmod, "chmod variant", f -> chmod(f).syscall()));
        add(Field.bool("chmod.setuid", chmod, "mode has S_ISUID", f -> (chmod(f).mode() & 04000) != 0));
        add(Field.bool("chmod.setgid", chmod, "mode has S_ISGID", f -> (chmod(f).mode() & 02000) != 0));
        add(Field.bool("chmod.exec", chmod, "mode has any execute bit", f -> (chmod(f).mode() & 0111) != 0));
        // connect / accept
        for (String p : new String[] {"connect", "accept"}) {
            Set<EventKind> k = EnumSet.of(p.equals("connect") ? CONNECT : ACCEPT);
            add(Field.num(p + ".family", k, "address family (2 AF_INET, 10 AF_INET6, 1 AF_UNIX)", f -> net(f).family));
            add(Field.num(p + ".type", k, "socket type", f -> net(f).type));
            add(Field.num(p + ".protocol", k, "protocol (6 TCP, 17 UDP)", f -> net(f).protocol));
            add(Field.str(p + ".local_addr", k, "local address", f -> net(f).localAddr));
            add(Field.num(p + ".local_port", k, "local port", f -> net(f).localPort));
            add(Field.str(p + ".remote_addr", k, "remote address", f -> net(f).remoteAddr));
            add(Field.num(p + ".remote_port", k, "remote port", f -> net(f).remotePort));
        }
        // ptrace
        Set<EventKind> ptrace = EnumSet.of(PTRACE);
        add(Field.num("ptrace.request", ptrace, "request number", f -> ptrace(f).request()));
        add(Field.str("ptrace.request_name", ptrace, "request name (PTRACE_ATTACH, ...)",
                f -> ptrace(f).requestName()));
        add(Field.num("ptrace.target_pid", ptrace, "traced pid", f -> ptrace(f).targetPid()));
        add(Field.num("ptrace.addr", ptrace, "addr argument", f -> ptrace(f).addr()));
        add(Field.num("ptrace.data", ptrace, "data argument", f -> ptrace(f).data()));
        // mmap / mprotect
        Set<EventKind> mmap = EnumSet.of(MMAP);
        add(Field.num("mmap.addr", mmap, "address", f -> mmap(f).addr()));
        add(Field.num("mmap.len", mmap, "length", f -> mmap(f).length()));
        add(Field.num("mmap.prot", mmap, "protection bits", f -> mmap(f).prot()));
        add(Field.num("mmap.flags", mmap, "mapping flags", f -> mmap(f).flags()));
        add(Field.num("mmap.fd", mmap, "file descriptor, -1 for anonymous", f -> mmap(f).fd()));
        add(Field.str("mmap.path", mmap, "mapped file", f -> mmap(f).path()));
        add(Field.bool("mmap.wx", mmap, "writable and executable at once", f -> mmap(f).writeExec()));
        Set<EventKind> mprotect = EnumSet.of(MPROTECT);
        add(Field.num("mprotect.addr", mprotect, "address", f -> mprotect(f).addr()));
        add(Field.num("mprotect.len", mprotect, "length", f -> mprotect(f).length()));
        add(Field.num("mprotect.prot", mprotect, "new protection bits", f -> mprotect(f).prot()));
        add(Field.bool("mprotect.wx", mprotect, "becomes executable while writable", f -> mprotect(f).writeExec()));
        // mount / umount
        Set<EventKind> mount = EnumSet.of(MOUNT);
        add(Field.str("mount.source", mount, "source", f -> mount(f).source()));
        add(Field.str("mount.target", mount, "mount point", f -> mount(f).target()));
        add(Field.str("mount.fstype", mount, "file system type", f -> mount(f).fsType()));
        add(Field.num("mount.flags", mount, "mount flags", f -> mount(f).flags()));
        add(Field.num("mount.mntns", mount, "mount namespace id", f -> mount(f).mntNsId()));
        add(Field.str("mount.syscall", mount, "mount, fsmount or move_mount", f -> mount(f).syscall()));
        Set<EventKind> umount = EnumSet.of(UMOUNT);
        add(Field.str("umount.target", umount, "mount point", f -> umount(f).target()));
        add(Field.num("umount.flags", umount, "flags", f -> umount(f).flags()));
        add(Field.num("umount.mntns", umount, "mount namespace id", f -> umount(f).mntNsId()));
        // resource usage over one interval of one process
        Set<EventKind> res = EnumSet.of(RESOURCE);
        add(Field.num("resource.interval_ns", res, "length of the interval", f -> resource(f).intervalNs()));
        add(Field.num("resource.cpu_ns", res, "CPU time in the interval", f -> resource(f).cpuNs()));
        add(Field.num("resource.minor_faults", res, "minor page faults in the interval", f -> resource(f).minorFaults()));
        add(Field.num("resource.major_faults", res, "major page faults in the interval", f -> resource(f).majorFaults()));
        add(Field.num("resource.rss_bytes", res, "resident set size", f -> resource(f).rssBytes()));
        add(Field.num("resource.read_bytes", res, "bytes read in the interval", f -> resource(f).readBytes()));
        add(Field.num("resource.write_bytes", res, "bytes written in the interval", f -> resource(f).writeBytes()));
        add(Field.num("resource.threads", res, "live threads", f -> resource(f).threads()));
        add(Field.num("resource.forks", res, "processes it started in the interval", f -> resource(f).forks()));
        add(Field.str("resource.lifecycle", res, "start, running or exit",
                f -> resource(f).lifecycle().name().toLowerCase(java.util.Locale.ROOT)));
    }

    private Fields() {
    }

    private static void add(Field f) {
        FIELDS.put(f.name, f);
    }

    /** The field, or null; {@code ctx.<key>} names are made on demand. */
    public static Field get(String name) {
        Field f = FIELDS.get(name);
        if (f == null && name.startsWith(CONTEXT_PREFIX) && name.length() > CONTEXT_PREFIX.length()
                && name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-')) {
            String key = name.substring(CONTEXT_PREFIX.length());
            f = Field.str(name, Field.ALL, "enrichment key " + key, fr -> ctx(fr, key));
        }
        return f;
    }

    public static Map<String, Field> all() {
        return Collections.unmodifiableMap(FIELDS);
    }

    private static EventHeader h(Frame f) {
        return f.event().header();
    }

    private static String ctx(Frame f, String key) {
        return ContextFields.string(f.event(), key);
    }

    private static String parentName(Frame f) {
        String p = ctx(f, "proc.pname");
        if (p != null) {
            return p;
        }
        List<String> anc = ContextFields.list(f.event(), "proc.ancestors");
        return anc.isEmpty() ? null : anc.get(0);
    }

    static String base(String path) {
        int i = path.lastIndexOf('/');
        return i < 0 ? path : path.substring(i + 1);
    }

    static String dir(String path) {
        int i = path.lastIndexOf('/');
        return i < 0 ? "" : i == 0 ? "/" : path.substring(0, i);
    }

    private static ExecEvent exec(Frame f) {
        return (ExecEvent) f.event();
    }

    private static OpenEvent open(Frame f) {
        return (OpenEvent) f.event();
    }

    private static ChmodEvent chmod(Frame f) {
        return (ChmodEvent) f.event();
    }

    private static PtraceEvent ptrace(Frame f) {
        return (PtraceEvent) f.event();
    }

    private static MmapEvent mmap(Frame f) {
        return (MmapEvent) f.event();
    }

    private static MprotectEvent mprotect(Frame f) {
        return (MprotectEvent) f.event();
    }

    private static MountEvent mount(Frame f) {
        return (MountEvent) f.event();
    }

    private static UmountEvent umount(Frame f) {
        return (UmountEvent) f.event();
    }

    private static ResourceEvent resource(Frame f) {
        return (ResourceEvent) f.event();
    }

    /** Connect and accept carry the same socket fields. */
    private record Net(int family, int type, int protocol, String localAddr, int localPort, String remoteAddr,
            int remotePort) {
    }

    private static final Function<Frame, Net> NET = f -> f.event() instanceof ConnectEvent c
            ? new Net(c.family(), c.sockType(), c.protocol(), c.localAddress(), c.localPort(), c.remoteAddress(),
                    c.remotePort())
            : net((AcceptEvent) f.event());

    private static Net net(AcceptEvent a) {
        return new Net(a.family(), a.sockType(), a.protocol(), a.localAddress(), a.localPort(), a.remoteAddress(),
                a.remotePort());
    }

    private static Net net(Frame f) {
        return NET.apply(f);
    }
}
