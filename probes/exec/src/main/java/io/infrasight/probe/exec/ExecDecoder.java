package io.infrasight.probe.exec;

import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.ExecEvent;
import io.infrasight.bpf.ProbeRunner;
import io.infrasight.bpf.RecordReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** struct exec_event (bpf/include/events.h) → {@link ExecEvent}. ExecAbiTest checks the offsets. */
final class ExecDecoder implements ProbeRunner.Decoder {
    static final int FLAGS = 80;
    static final int ARGC = 84;
    static final int FILENAME_LEN = 88;
    static final int ARGV_LEN = 90;
    static final int FILENAME = 96;
    static final int FILENAME_MAX = 512;
    static final int ARGV = 608;
    static final int ARGV_MAX = 2048;

    static final int F_ARGV_TRUNCATED = 1;
    static final int F_EXE_MEMFD = 1 << 1;
    static final int F_EXE_DELETED = 1 << 2;

    static Map<String, Integer> layout() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("hdr", 0);
        m.put("flags", FLAGS);
        m.put("argc", ARGC);
        m.put("filename_len", FILENAME_LEN);
        m.put("argv_len", ARGV_LEN);
        m.put("filename", FILENAME);
        m.put("argv", ARGV);
        return m;
    }

    @Override
    public ExecEvent decode(RecordReader r, ByteBuffer b, int off, int len) {
        if (len < ARGV || RecordReader.kindCode(b, off) != EventKind.EXEC.code()) {
            throw new IllegalArgumentException("not an exec record: " + len + " bytes");
        }
        int flags = b.getInt(off + FLAGS);
        int argc = b.getInt(off + ARGC);
        int filenameLen = Math.min(Short.toUnsignedInt(b.getShort(off + FILENAME_LEN)), FILENAME_MAX - 1);
        int argvLen = Math.min(Short.toUnsignedInt(b.getShort(off + ARGV_LEN)), Math.min(ARGV_MAX, len - ARGV));
        return new ExecEvent(r.header(b, off, EventKind.EXEC), r.string(b, off + FILENAME, filenameLen),
                argv(r, b, off + ARGV, argvLen, argc), (flags & F_ARGV_TRUNCATED) != 0, "",
                (flags & F_EXE_MEMFD) != 0, (flags & F_EXE_DELETED) != 0);
    }

    /** NUL-separated arguments; the last one may lack its NUL when it was cut. */
    private static List<String> argv(RecordReader r, ByteBuffer b, int start, int len, int argc) {
        List<String> args = new ArrayList<>(Math.max(0, Math.min(argc, 64)));
        int from = 0;
        for (int i = 0; i < len; i++) {
            if (b.get(start + i) == 0) {
                args.add(r.string(b, start + from, i - from));
                from = i + 1;
            }
        }
        if (from < len) {
            args.add(r.string(b, start + from, len - from));
        }
        return args;
    }
}
