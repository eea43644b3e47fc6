package io.infrasight.probe.mmap;

import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.MmapEvent;
import io.infrasight.api.event.MprotectEvent;
import io.infrasight.bpf.ProbeRunner;
import io.infrasight.bpf.RecordReader;
import io.infrasight.bpf.probe.ProcPaths;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * struct mmap_event → {@link MmapEvent} and struct mprotect_event → {@link MprotectEvent}
 * (bpf/include/events.h); a file mapping's path is read from /proc/&lt;pid&gt;/fd/&lt;fd&gt;. MmapAbiTest
 * checks the offsets against the object's BTF.
 */
final class MmapDecoder implements ProbeRunner.Decoder {
    static final int ADDR = 80;
    static final int LEN = 88;
    static final int MMAP_PGOFF = 96;
    static final int MMAP_PROT = 104;
    static final int MMAP_FLAGS = 108;
    static final int MMAP_FD = 112;
    static final int MMAP_MEM_FLAGS = 116;
    static final int MMAP_SIZE = 120;
    static final int MPROTECT_PROT = 96;
    static final int MPROTECT_MEM_FLAGS = 100;
    static final int MPROTECT_SIZE = 104;
    /** enum mem_flags */
    static final int MEM_F_WRITE_EXEC = 1;
    static final int MAP_ANONYMOUS = 0x20;

    private final ProcPaths paths;

    MmapDecoder(ProcPaths paths) {
        this.paths = paths;
    }

    static Map<String, Integer> mmapLayout() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("hdr", 0);
        m.put("addr", ADDR);
        m.put("len", LEN);
        m.put("pgoff", MMAP_PGOFF);
        m.put("prot", MMAP_PROT);
        m.put("flags", MMAP_FLAGS);
        m.put("fd", MMAP_FD);
        m.put("mem_flags", MMAP_MEM_FLAGS);
        return m;
    }

    static Map<String, Integer> mprotectLayout() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("hdr", 0);
        m.put("addr", ADDR);
        m.put("len", LEN);
        m.put("prot", MPROTECT_PROT);
        m.put("mem_flags", MPROTECT_MEM_FLAGS);
        return m;
    }

    @Override
    public Event decode(RecordReader r, ByteBuffer b, int off, int len) {
        int kind = RecordReader.kindCode(b, off);
        if (kind == EventKind.MMAP.code() && len >= MMAP_SIZE) {
            int flags = b.getInt(off + MMAP_FLAGS);
            int fd = b.getInt(off + MMAP_FD);
            // the fd's path is only asked for when the call worked: a failed mmap's fd may be anything
            String path = fd >= 0 && (flags & MAP_ANONYMOUS) == 0 && b.getLong(off + RecordReader.RETVAL) >= 0
                    ? paths.fdPath(b.getInt(off + RecordReader.TGID), fd) : "";
            return new MmapEvent(r.header(b, off, EventKind.MMAP), b.getLong(off + ADDR), b.getLong(off + LEN),
                    b.getInt(off + MMAP_PROT), flags, fd, path,
                    (b.getInt(off + MMAP_MEM_FLAGS) & MEM_F_WRITE_EXEC) != 0);
        }
        if (kind == EventKind.MPROTECT.code() && len >= MPROTECT_SIZE) {
            return new MprotectEvent(r.header(b, off, EventKind.MPROTECT), b.getLong(off + ADDR), b.getLong(off + LEN),
                    b.getInt(off + MPROTECT_PROT), (b.getInt(off + MPROTECT_MEM_FLAGS) & MEM_F_WRITE_EXEC) != 0);
        }
        throw new IllegalArgumentException("not an mmap/mprotect record: kind " + kind + ", " + len + " bytes");
    }
}
