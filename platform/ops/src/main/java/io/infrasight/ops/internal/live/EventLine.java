package io.infrasight.ops.internal.live;

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
import io.infrasight.api.json.IsoTime;

/** One readable line per event for the shell: time, kind, process, then what happened. */
public final class EventLine {
    private final IsoTime iso = new IsoTime();

    public String format(Event e) {
        EventHeader h = e.header();
        StringBuilder sb = new StringBuilder(160);
        iso.append(sb, h.timeNanos());
        sb.append(' ').append(pad(h.kind().id(), 8)).append(' ').append(h.comm()).append('[').append(h.pid())
                .append("] uid=").append(h.uid()).append(' ');
        sb.append(detail(e));
        if (h.retval() < 0) {
            sb.append(" ret=").append(h.retval());
        }
        return sb.toString();
    }

    private static String pad(String s, int n) {
        return s.length() >= n ? s : s + " ".repeat(n - s.length());
    }

    static String detail(Event e) {
        if (e instanceof ExecEvent x) {
            return x.filename() + " " + String.join(" ", x.argv()) + (x.argvTruncated() ? " ..." : "")
                    + (x.exeMemfd() ? " [memfd]" : "") + (x.exeDeleted() ? " [deleted]" : "");
        } else if (e instanceof OpenEvent x) {
            return x.path() + " flags=0" + Integer.toOctalString(x.flags()) + " fd=" + x.header().retval();
        } else if (e instanceof ChmodEvent x) {
            return x.path() + " mode=0" + Integer.toOctalString(x.mode());
        } else if (e instanceof ConnectEvent x) {
            return x.localAddress() + ":" + x.localPort() + " -> " + x.remoteAddress() + ":" + x.remotePort();
        } else if (e instanceof AcceptEvent x) {
            return x.remoteAddress() + ":" + x.remotePort() + " -> " + x.localAddress() + ":" + x.localPort();
        } else if (e instanceof PtraceEvent x) {
            return x.requestName() + " pid=" + x.targetPid();
        } else if (e instanceof MmapEvent x) {
            return "len=" + x.length() + " prot=" + x.prot() + (x.writeExec() ? " [W+X]" : "") + " " + x.path();
        } else if (e instanceof MprotectEvent x) {
            return "len=" + x.length() + " prot=" + x.prot() + (x.writeExec() ? " [W->X]" : "");
        } else if (e instanceof MountEvent x) {
            return x.source() + " on " + x.target() + " type " + x.fsType();
        } else if (e instanceof UmountEvent x) {
            return x.target();
        } else if (e instanceof ResourceEvent x) {
            return "cpu_ns=" + x.cpuNs() + " rss_bytes=" + x.rssBytes() + (x.forks() > 0 ? " forks=" + x.forks() : "")
                    + " " + x.lifecycle();
        } else if (e instanceof SyscallFrequencyEvent x) {
            return x.counts().size() + " syscalls";
        }
        return "";
    }
}
