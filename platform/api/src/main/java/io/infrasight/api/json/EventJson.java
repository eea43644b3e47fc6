package io.infrasight.api.json;

import io.infrasight.api.event.AcceptEvent;
import io.infrasight.api.event.ChmodEvent;
import io.infrasight.api.event.ConnectEvent;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.ExecEvent;
import io.infrasight.api.event.MmapEvent;
import io.infrasight.api.event.MountEvent;
import io.infrasight.api.event.MprotectEvent;
import io.infrasight.api.event.OpenEvent;
import io.infrasight.api.event.PtraceEvent;
import io.infrasight.api.event.ResourceEvent;
import io.infrasight.api.event.SyscallFrequencyEvent;
import io.infrasight.api.event.UmountEvent;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of events, written once for every sink (files, Kafka, live views):
 * <pre>
 * {"schema":1,"time":"2026-11-27T10:34:45.123456789Z","kind":"exec","node":"n1","pid":..,"tid":..,
 *  "ppid":..,"uid":..,"gid":..,"euid":..,"comm":"..","cgroup_id":..,"retval":..,"latency_ns":..,
 *  "mono_ns":..,"data":{kind fields},"context":{enrichment}}
 * </pre>
 * Not thread-safe: one instance per thread.
 */
public final class EventJson {
    public static final int SCHEMA_VERSION = 1;

    private final IsoTime iso = new IsoTime();
    private final JsonWriter w = new JsonWriter();

    /** The event as one line of JSON (no newline). */
    public String toJson(Event e) {
        w.reset();
        write(w, e);
        return w.buffer().toString();
    }

    /** Appends the event as a JSON object to {@code sb}. */
    public void append(StringBuilder sb, Event e) {
        JsonWriter out = new JsonWriter(sb);
        write(out, e);
    }

    public void write(JsonWriter out, Event e) {
        EventHeader h = e.header();
        out.beginObject();
        out.field("schema", SCHEMA_VERSION);
        out.name("time");
        StringBuilder time = new StringBuilder(30);
        iso.append(time, h.timeNanos());
        out.value(time.toString());
        out.field("kind", h.kind().id());
        out.field("node", h.node());
        out.field("pid", h.pid()).field("tid", h.tid()).field("ppid", h.ppid());
        out.field("uid", h.uid()).field("gid", h.gid()).field("euid", h.euid());
        out.field("comm", h.comm());
        out.field("cgroup_id", h.cgroupId());
        out.field("retval", h.retval());
        out.field("latency_ns", h.latencyNs());
        out.field("mono_ns", h.monoNanos());
        out.name("data").beginObject();
        writeData(out, e);
        out.endObject();
        if (!h.context().isEmpty()) {
            out.field("context", h.context().asMap());
        }
        out.endObject();
    }

    private static void writeData(JsonWriter o, Event e) {
        if (e instanceof ExecEvent x) {
            o.field("filename", x.filename()).field("argv", x.argv())
                    .field("argv_truncated", x.argvTruncated()).field("cwd", x.cwd())
                    .field("exe_memfd", x.exeMemfd()).field("exe_deleted", x.exeDeleted());
        } else if (e instanceof OpenEvent x) {
            o.field("path", x.path()).field("flags", x.flags()).field("mode", x.mode())
                    .field("syscall", x.syscall());
        } else if (e instanceof ChmodEvent x) {
            o.field("path", x.path()).field("mode", x.mode()).field("syscall", x.syscall());
        } else if (e instanceof ConnectEvent x) {
            socket(o, x.family(), x.sockType(), x.protocol(), x.localAddress(),
                    x.localPort(), x.remoteAddress(), x.remotePort());
        } else if (e instanceof AcceptEvent x) {
            socket(o, x.family(), x.sockType(), x.protocol(), x.localAddress(),
                    x.localPort(), x.remoteAddress(), x.remotePort());
        } else if (e instanceof PtraceEvent x) {
            o.field("request", x.request()).field("request_name", x.requestName())
                    .field("target_pid", x.targetPid()).field("addr", x.addr()).field("data", x.data());
        } else if (e instanceof MmapEvent x) {
            o.field("addr", x.addr()).field("length", x.length()).field("prot", x.prot())
                    .field("flags", x.flags()).field("fd", x.fd()).field("path", x.path())
                    .field("write_exec", x.writeExec());
        } else if (e instanceof MprotectEvent x) {
            o.field("addr", x.addr()).field("length", x.length()).field("prot", x.prot())
                    .field("write_exec", x.writeExec());
        } else if (e instanceof MountEvent x) {
            o.field("source", x.source()).field("target", x.target())
                    .field("fs_type", x.fsType()).field("flags", x.flags()).field("mnt_ns_id", x.mntNsId())
                    .field("syscall", x.syscall());
        } else if (e instanceof UmountEvent x) {
            o.field("target", x.target()).field("flags", x.flags())
                    .field("mnt_ns_id", x.mntNsId());
        } else if (e instanceof ResourceEvent x) {
            o.field("interval_ns", x.intervalNs()).field("cpu_ns", x.cpuNs())
                    .field("minor_faults", x.minorFaults()).field("major_faults", x.majorFaults())
                    .field("rss_bytes", x.rssBytes()).field("read_bytes", x.readBytes())
                    .field("write_bytes", x.writeBytes()).field("threads", x.threads()).field("forks", x.forks())
                    .field("lifecycle", x.lifecycle().name().toLowerCase(java.util.Locale.ROOT));
        } else if (e instanceof SyscallFrequencyEvent x) {
            o.field("interval_ns", x.intervalNs());
            o.name("counts").beginObject();
            for (Map.Entry<Integer, Long> c : new TreeMap<>(x.counts()).entrySet()) {
                o.field(Integer.toString(c.getKey()), c.getValue());
            }
            o.endObject();
        }
    }

    private static void socket(JsonWriter o, int family, int type, int protocol, String laddr, int lport,
            String raddr, int rport) {
        o.field("family", family).field("sock_type", type).field("protocol", protocol)
                .field("local_address", laddr).field("local_port", lport)
                .field("remote_address", raddr).field("remote_port", rport);
    }
}
