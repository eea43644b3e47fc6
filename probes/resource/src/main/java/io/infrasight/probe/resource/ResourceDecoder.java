package io.infrasight.probe.resource;

import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.Lifecycle;
import io.infrasight.api.event.ResourceEvent;
import io.infrasight.bpf.ProbeRunner;
import io.infrasight.bpf.RecordReader;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code struct resource_event} (bpf/include/events.h) to {@link ResourceEvent}. */
final class ResourceDecoder implements ProbeRunner.Decoder {
    static final int INTERVAL_NS = 80;
    static final int CPU_NS = 88;
    static final int MINOR_FAULTS = 96;
    static final int MAJOR_FAULTS = 104;
    static final int RSS_BYTES = 112;
    static final int READ_BYTES = 120;
    static final int WRITE_BYTES = 128;
    static final int THREADS = 136;
    static final int LIFECYCLE = 140;
    static final int FORKS = 144;
    static final int PAD0 = 148;
    static final int SIZE = 152;
    /** enum resource_lifecycle, by value */
    private static final Lifecycle[] LIFECYCLES = {Lifecycle.START, Lifecycle.RUNNING, Lifecycle.EXIT};

    /** Field name → offset, for the ABI test. */
    static Map<String, Integer> layout() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("hdr", 0);
        m.put("interval_ns", INTERVAL_NS);
        m.put("cpu_ns", CPU_NS);
        m.put("minor_faults", MINOR_FAULTS);
        m.put("major_faults", MAJOR_FAULTS);
        m.put("rss_bytes", RSS_BYTES);
        m.put("read_bytes", READ_BYTES);
        m.put("write_bytes", WRITE_BYTES);
        m.put("threads", THREADS);
        m.put("lifecycle", LIFECYCLE);
        m.put("forks", FORKS);
        m.put("_pad0", PAD0);
        return m;
    }

    @Override
    public ResourceEvent decode(RecordReader reader, ByteBuffer b, int off, int len) {
        if (RecordReader.kindCode(b, off) != EventKind.RESOURCE.code() || len < SIZE) {
            throw new IllegalArgumentException("not a resource record: kind " + RecordReader.kindCode(b, off)
                    + ", " + len + " bytes");
        }
        int lc = b.getInt(off + LIFECYCLE);
        if (lc < 0 || lc >= LIFECYCLES.length) {
            throw new IllegalArgumentException("resource record with lifecycle " + lc);
        }
        return new ResourceEvent(reader.header(b, off, EventKind.RESOURCE), b.getLong(off + INTERVAL_NS),
                b.getLong(off + CPU_NS), b.getLong(off + MINOR_FAULTS), b.getLong(off + MAJOR_FAULTS),
                b.getLong(off + RSS_BYTES), b.getLong(off + READ_BYTES), b.getLong(off + WRITE_BYTES),
                b.getInt(off + THREADS), (int) Math.min(Integer.toUnsignedLong(b.getInt(off + FORKS)), Integer.MAX_VALUE),
                LIFECYCLES[lc]);
    }
}
