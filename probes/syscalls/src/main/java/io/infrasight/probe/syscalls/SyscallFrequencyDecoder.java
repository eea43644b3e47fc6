package io.infrasight.probe.syscalls;

import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.SyscallFrequencyEvent;
import io.infrasight.bpf.ProbeRunner;
import io.infrasight.bpf.RecordReader;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code struct syscall_frequency_event} (bpf/include/events.h) to {@link SyscallFrequencyEvent}. */
final class SyscallFrequencyDecoder implements ProbeRunner.Decoder {
    static final int INTERVAL_NS = 80;
    static final int NR = 88;
    static final int FLAGS = 92;
    static final int COUNTS = 96;
    static final int COUNT_SIZE = 8;     // struct syscall_count { u32 id; u32 count; }
    static final int NR_MAX = 512;       // SYSCALL_NR_MAX
    static final int F_EXIT = 1;

    /** Field name → offset, for the ABI test. */
    static Map<String, Integer> layout() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("hdr", 0);
        m.put("interval_ns", INTERVAL_NS);
        m.put("nr", NR);
        m.put("flags", FLAGS);
        m.put("counts", COUNTS);
        return m;
    }

    @Override
    public SyscallFrequencyEvent decode(RecordReader reader, ByteBuffer b, int off, int len) {
        if (RecordReader.kindCode(b, off) != EventKind.SYSCALL_FREQUENCY.code()) {
            throw new IllegalArgumentException("not a syscall_frequency record: kind " + RecordReader.kindCode(b, off));
        }
        int nr = b.getInt(off + NR);
        if (nr < 0 || nr > NR_MAX || COUNTS + nr * COUNT_SIZE > len) {
            throw new IllegalArgumentException("syscall_frequency record with " + nr + " counts in " + len + " bytes");
        }
        Map<Integer, Long> counts = new HashMap<>(nr * 2);
        for (int i = 0; i < nr; i++) {
            int at = off + COUNTS + i * COUNT_SIZE;
            counts.merge(b.getInt(at), Integer.toUnsignedLong(b.getInt(at + 4)), Long::sum);
        }
        return new SyscallFrequencyEvent(reader.header(b, off, EventKind.SYSCALL_FREQUENCY), b.getLong(off + INTERVAL_NS),
                counts);
    }
}
