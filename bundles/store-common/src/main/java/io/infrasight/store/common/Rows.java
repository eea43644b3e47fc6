package io.infrasight.store.common;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.event.AcceptEvent;
import io.infrasight.api.event.ChmodEvent;
import io.infrasight.api.event.ConnectEvent;
import io.infrasight.api.event.Context;
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
import io.infrasight.api.json.EventJson;
import io.infrasight.api.json.JsonWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns events and alerts into rows of {@link Tables}. Payload fields a kind does not have (an
 * mprotect has no fd) are stored as zero or empty. Not thread-safe (it reuses a JSON buffer):
 * one instance per thread.
 */
public final class Rows {
    public static final String CONTAINER_KEY = "container.id";
    public static final String USER_KEY = "user.name";

    private final JsonWriter json = new JsonWriter();
    private final EventJson eventJson = new EventJson();

    public Row event(Event e) {
        Table t = Tables.forKind(e.kind());
        Object[] v = new Object[t.columns().size()];
        int i = header(v, e.header());
        if (e instanceof ExecEvent x) {
            put(v, i, x.filename(), x.argv(), x.argvTruncated(), x.cwd(), x.exeMemfd(), x.exeDeleted());
        } else if (e instanceof OpenEvent x) {
            put(v, i, x.path(), x.flags(), x.mode(), x.syscall());
        } else if (e instanceof ChmodEvent x) {
            put(v, i, x.path(), 0, x.mode(), x.syscall());
        } else if (e instanceof ConnectEvent x) {
            put(v, i, x.family(), x.sockType(), x.protocol(), x.localAddress(), x.localPort(), x.remoteAddress(),
                    x.remotePort());
        } else if (e instanceof AcceptEvent x) {
            put(v, i, x.family(), x.sockType(), x.protocol(), x.localAddress(), x.localPort(), x.remoteAddress(),
                    x.remotePort());
        } else if (e instanceof PtraceEvent x) {
            put(v, i, x.request(), x.requestName(), x.targetPid(), x.addr(), x.data());
        } else if (e instanceof MmapEvent x) {
            put(v, i, x.addr(), x.length(), x.prot(), x.flags(), x.fd(), x.path(), x.writeExec());
        } else if (e instanceof MprotectEvent x) {
            put(v, i, x.addr(), x.length(), x.prot(), 0, -1, "", x.writeExec());
        } else if (e instanceof MountEvent x) {
            put(v, i, x.source(), x.target(), x.fsType(), x.flags(), x.mntNsId(), x.syscall());
        } else if (e instanceof UmountEvent x) {
            put(v, i, "", x.target(), "", x.flags(), x.mntNsId(), "umount2");
        } else if (e instanceof ResourceEvent x) {
            put(v, i, x.intervalNs(), x.cpuNs(), x.minorFaults(), x.majorFaults(), x.rssBytes(), x.readBytes(),
                    x.writeBytes(), x.threads(), x.lifecycle().name().toLowerCase(Locale.ROOT), x.forks());
        } else if (e instanceof SyscallFrequencyEvent x) {
            TreeMap<Integer, Long> sorted = new TreeMap<>(x.counts());
            int[] ids = new int[sorted.size()];
            long[] counts = new long[sorted.size()];
            int j = 0;
            for (Map.Entry<Integer, Long> c : sorted.entrySet()) {
                ids[j] = c.getKey();
                counts[j++] = c.getValue();
            }
            put(v, i, x.intervalNs(), ids, counts);
        }
        return new Row(t, v, e);
    }

    public Row alert(Alert a) {
        Event e = a.event();
        EventHeader h = e == null ? null : e.header();
        Object[] v = new Object[Tables.ALERTS.columns().size()];
        put(v, 0, a.timeNanos(), a.timeNanos(), a.id(), a.ruleId(), a.severity().name().toLowerCase(Locale.ROOT),
                a.severity().ordinal(), a.message(), a.tags(), a.detector(), toJson(a.details()),
                h == null ? "" : h.node(), h == null ? "" : h.kind().id(), h == null ? 0 : h.pid(),
                h == null ? "" : h.comm(), h == null ? "" : str(h.context(), CONTAINER_KEY),
                e == null ? "" : eventJson.toJson(e));
        return new Row(Tables.ALERTS, v, null);
    }

    private int header(Object[] v, EventHeader h) {
        return put(v, 0, h.timeNanos(), h.timeNanos(), h.monoNanos(), h.kind().id(), h.node(), h.pid(), h.tid(),
                h.ppid(), h.uid(), h.gid(), h.euid(), h.cgroupId(), h.comm(), h.retval(), h.latencyNs(),
                str(h.context(), CONTAINER_KEY), str(h.context(), USER_KEY),
                h.context().isEmpty() ? "{}" : toJson(h.context().asMap()));
    }

    private static int put(Object[] v, int from, Object... values) {
        System.arraycopy(values, 0, v, from, values.length);
        return from + values.length;
    }

    private static String str(Context c, String key) {
        String s = c.getString(key);
        return s == null ? "" : s;
    }

    private String toJson(Map<String, ?> map) {
        json.reset();
        json.value(map);
        return json.buffer().toString();
    }
}
