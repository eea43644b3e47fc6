package io.infrasight.probe.chmod;

import io.infrasight.api.event.ChmodEvent;
import io.infrasight.api.event.EventKind;
import io.infrasight.bpf.ProbeRunner;
import io.infrasight.bpf.RecordReader;
import io.infrasight.bpf.probe.ProcPaths;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * struct chmod_event (bpf/include/events.h) → {@link ChmodEvent}; relative paths and fchmod's fd are
 * made absolute from /proc. ChmodAbiTest checks the offsets against the object's BTF.
 */
final class ChmodDecoder implements ProbeRunner.Decoder {
    static final int MODE = 80;
    static final int FD = 84;
    static final int AT_FLAGS = 88;
    static final int SYSCALL = 92;
    static final int PATH_LEN = 94;
    static final int PATH = 96;
    static final int PATH_MAX = 4096;
    static final int SYS_FCHMOD = 1;
    static final String[] SYSCALLS = {"chmod", "fchmod", "fchmodat", "fchmodat2"};

    private final ProcPaths paths;

    ChmodDecoder(ProcPaths paths) {
        this.paths = paths;
    }

    static Map<String, Integer> layout() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("hdr", 0);
        m.put("mode", MODE);
        m.put("fd", FD);
        m.put("at_flags", AT_FLAGS);
        m.put("syscall", SYSCALL);
        m.put("path_len", PATH_LEN);
        m.put("path", PATH);
        return m;
    }

    @Override
    public ChmodEvent decode(RecordReader r, ByteBuffer b, int off, int len) {
        if (len < PATH || RecordReader.kindCode(b, off) != EventKind.CHMOD.code()) {
            throw new IllegalArgumentException("not a chmod record: " + len + " bytes");
        }
        int pathLen = Math.min(Short.toUnsignedInt(b.getShort(off + PATH_LEN)), Math.min(PATH_MAX, len - PATH));
        String path = r.string(b, off + PATH, pathLen);
        int tgid = b.getInt(off + RecordReader.TGID);
        int fd = b.getInt(off + FD);
        int sys = Short.toUnsignedInt(b.getShort(off + SYSCALL));
        path = sys == SYS_FCHMOD ? paths.fdPath(tgid, fd) : paths.resolve(tgid, fd, path);
        return new ChmodEvent(r.header(b, off, EventKind.CHMOD), path, b.getInt(off + MODE),
                sys < SYSCALLS.length ? SYSCALLS[sys] : "syscall" + sys);
    }
}
