package io.infrasight.probe.open;

import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.OpenEvent;
import io.infrasight.bpf.ProbeRunner;
import io.infrasight.bpf.RecordReader;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * struct open_event (bpf/include/events.h) → {@link OpenEvent}, with relative paths made absolute
 * by {@link PathResolver}. OpenAbiTest checks the offsets against the object's BTF.
 */
final class OpenDecoder implements ProbeRunner.Decoder {
    static final int FLAGS = 80;
    static final int MODE = 88;
    static final int DIRFD = 92;
    static final int SYSCALL = 96;
    static final int PATH_LEN = 98;
    static final int PATH = 104;
    static final int PATH_MAX = 4096;
    static final String[] SYSCALLS = {"open", "openat", "openat2"};

    private final PathResolver resolver;
    private final List<String> prefixes;

    OpenDecoder(PathResolver resolver, List<String> prefixes) {
        this.resolver = resolver;
        this.prefixes = prefixes;
    }

    static Map<String, Integer> layout() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("hdr", 0);
        m.put("flags", FLAGS);
        m.put("mode", MODE);
        m.put("dirfd", DIRFD);
        m.put("syscall", SYSCALL);
        m.put("path_len", PATH_LEN);
        m.put("path", PATH);
        return m;
    }

    @Override
    public OpenEvent decode(RecordReader r, ByteBuffer b, int off, int len) {
        if (len < PATH || RecordReader.kindCode(b, off) != EventKind.OPEN.code()) {
            throw new IllegalArgumentException("not an open record: " + len + " bytes");
        }
        int pathLen = Math.min(Short.toUnsignedInt(b.getShort(off + PATH_LEN)), Math.min(PATH_MAX, len - PATH));
        String path = r.string(b, off + PATH, pathLen);
        int tgid = b.getInt(off + RecordReader.TGID);
        if (!path.startsWith("/")) {
            path = resolver.resolve(tgid, b.getInt(off + DIRFD), path);
            // the kernel lets relative paths through the prefix filter; apply it now
            if (!prefixes.isEmpty() && prefixes.stream().noneMatch(path::startsWith)) {
                return null;
            }
        }
        int sys = Short.toUnsignedInt(b.getShort(off + SYSCALL));
        return new OpenEvent(r.header(b, off, EventKind.OPEN), path, (int) b.getLong(off + FLAGS),
                b.getInt(off + MODE), sys < SYSCALLS.length ? SYSCALLS[sys] : "syscall" + sys);
    }
}
