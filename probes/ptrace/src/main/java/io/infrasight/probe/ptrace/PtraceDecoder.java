package io.infrasight.probe.ptrace;

import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.PtraceEvent;
import io.infrasight.bpf.ProbeRunner;
import io.infrasight.bpf.RecordReader;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/** struct ptrace_event (bpf/include/events.h) → {@link PtraceEvent}; PtraceAbiTest checks the offsets. */
final class PtraceDecoder implements ProbeRunner.Decoder {
    static final int REQUEST = 80;
    static final int ADDR = 88;
    static final int DATA = 96;
    static final int TARGET_PID = 104;
    static final int PAD0 = 108;
    static final int SIZE = 112;

    static Map<String, Integer> layout() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("hdr", 0);
        m.put("request", REQUEST);
        m.put("addr", ADDR);
        m.put("data", DATA);
        m.put("target_pid", TARGET_PID);
        m.put("_pad0", PAD0);
        return m;
    }

    @Override
    public PtraceEvent decode(RecordReader r, ByteBuffer b, int off, int len) {
        if (len < SIZE || RecordReader.kindCode(b, off) != EventKind.PTRACE.code()) {
            throw new IllegalArgumentException("not a ptrace record: " + len + " bytes");
        }
        long request = b.getLong(off + REQUEST);
        return new PtraceEvent(r.header(b, off, EventKind.PTRACE), request, PtraceRequests.name(request),
                b.getInt(off + TARGET_PID), b.getLong(off + ADDR), b.getLong(off + DATA));
    }
}
