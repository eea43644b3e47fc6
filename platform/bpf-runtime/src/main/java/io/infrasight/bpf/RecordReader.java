package io.infrasight.bpf;

import io.infrasight.api.event.Context;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.bpf.internal.Native;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes {@code struct event_header} (bpf/include/events.h) and the strings that follow it. One
 * instance per poll thread: it keeps a scratch array so strings are decoded without garbage beyond
 * the String itself.
 */
public final class RecordReader {
    /** Offsets of struct event_header; HeaderAbiTest checks them against the objects' BTF. */
    public static final int KIND = 0;
    public static final int SIZE = 2;
    public static final int CPU = 4;
    public static final int MONO_NS = 8;
    public static final int TGID = 16;
    public static final int PID = 20;
    public static final int PPID = 24;
    public static final int UID = 28;
    public static final int GID = 32;
    public static final int EUID = 36;
    public static final int CGROUP_ID = 40;
    public static final int COMM = 48;
    public static final int COMM_LEN = 16;
    public static final int RETVAL = 64;
    public static final int LATENCY_NS = 72;
    public static final int HEADER_SIZE = 80;

    /** Field name → offset, in ABI order, for the ABI test. */
    public static Map<String, Integer> headerLayout() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("kind", KIND);
        m.put("size", SIZE);
        m.put("cpu", CPU);
        m.put("mono_ns", MONO_NS);
        m.put("tgid", TGID);
        m.put("pid", PID);
        m.put("ppid", PPID);
        m.put("uid", UID);
        m.put("gid", GID);
        m.put("euid", EUID);
        m.put("cgroup_id", CGROUP_ID);
        m.put("comm", COMM);
        m.put("retval", RETVAL);
        m.put("latency_ns", LATENCY_NS);
        return m;
    }

    private final long monoToRealtimeNs;
    private final String node;
    private byte[] scratch = new byte[4096];

    public RecordReader() {
        this(Native.monoToRealtimeOffsetNs(), hostName());
    }

    RecordReader(long monoToRealtimeNs, String node) {
        this.monoToRealtimeNs = monoToRealtimeNs;
        this.node = node;
    }

    /** The kind code of the record at {@code off}. */
    public static int kindCode(ByteBuffer b, int off) {
        return Short.toUnsignedInt(b.getShort(off + KIND));
    }

    public EventHeader header(ByteBuffer b, int off, EventKind kind) {
        long mono = b.getLong(off + MONO_NS);
        return new EventHeader(kind, mono + monoToRealtimeNs, mono, b.getInt(off + TGID), b.getInt(off + PID),
                b.getInt(off + PPID), b.getInt(off + UID), b.getInt(off + GID), b.getInt(off + EUID),
                b.getLong(off + CGROUP_ID), comm(b, off + COMM), b.getLong(off + RETVAL),
                b.getLong(off + LATENCY_NS), node, Context.EMPTY);
    }

    // Task names repeat endlessly (a storm is one comm): remember the last few, keyed by their 16 raw
    // bytes, so that most events cost two long reads instead of a UTF-8 decode and an allocation.
    private static final int COMM_CACHE = 64;
    private final long[] commLo = new long[COMM_CACHE];
    private final long[] commHi = new long[COMM_CACHE];
    private final String[] commText = new String[COMM_CACHE];

    /** The header's comm field (16 bytes, NUL-terminated), from a small cache when seen recently. */
    String comm(ByteBuffer b, int off) {
        long lo = b.getLong(off);
        long hi = b.getLong(off + 8);
        int slot = (int) ((lo * 0x9E3779B97F4A7C15L + hi) >>> 58) & (COMM_CACHE - 1);
        String cached = commText[slot];
        if (cached != null && commLo[slot] == lo && commHi[slot] == hi) {
            return cached;
        }
        String text = cString(b, off, COMM_LEN);
        commLo[slot] = lo;
        commHi[slot] = hi;
        commText[slot] = text;
        return text;
    }

    /** UTF-8 text of at most {@code max} bytes, ending at the first NUL. */
    public String cString(ByteBuffer b, int off, int max) {
        int len = 0;
        while (len < max && b.get(off + len) != 0) {
            len++;
        }
        return string(b, off, len);
    }

    /** UTF-8 text of exactly {@code len} bytes. */
    public String string(ByteBuffer b, int off, int len) {
        if (scratch.length < len) {
            scratch = new byte[Math.max(len, scratch.length * 2)];
        }
        b.get(off, scratch, 0, len);
        return new String(scratch, 0, len, StandardCharsets.UTF_8);
    }

    public String node() {
        return node;
    }

    private static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "";
        }
    }
}
