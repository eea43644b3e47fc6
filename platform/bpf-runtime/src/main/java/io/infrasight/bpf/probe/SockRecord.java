package io.infrasight.bpf.probe;

import io.infrasight.bpf.RecordReader;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * struct sock_event (bpf/include/events.h), the one layout of the connect and accept records. The
 * probes' ABI tests compare {@link #layout()} with their object's BTF.
 */
public final class SockRecord {
    public static final int FAMILY = 80;
    public static final int SOCK_TYPE = 82;
    public static final int PROTOCOL = 84;
    public static final int LOCAL_PORT = 86;
    public static final int REMOTE_PORT = 88;
    public static final int SYSCALL = 90;
    public static final int FD = 92;
    public static final int LOCAL_ADDR = 96;
    public static final int REMOTE_ADDR = 112;
    public static final int UNIX_PATH = 128;
    public static final int UNIX_PATH_MAX = 108;
    public static final int PAD0 = 236;
    public static final int SIZE = 240;
    public static final String[] SYSCALLS = {"connect", "accept", "accept4"};

    private SockRecord() {
    }

    public static Map<String, Integer> layout() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("hdr", 0);
        m.put("family", FAMILY);
        m.put("sock_type", SOCK_TYPE);
        m.put("protocol", PROTOCOL);
        m.put("local_port", LOCAL_PORT);
        m.put("remote_port", REMOTE_PORT);
        m.put("syscall", SYSCALL);
        m.put("fd", FD);
        m.put("local_addr", LOCAL_ADDR);
        m.put("remote_addr", REMOTE_ADDR);
        m.put("unix_path", UNIX_PATH);
        m.put("_pad0", PAD0);
        return m;
    }

    /** Throws unless the record at {@code off} is a sock_event of kind {@code kindCode}. */
    public static void check(ByteBuffer b, int off, int len, int kindCode) {
        if (len < SIZE || RecordReader.kindCode(b, off) != kindCode) {
            throw new IllegalArgumentException("not a socket record of kind " + kindCode + ": " + len + " bytes");
        }
    }

    public static int family(ByteBuffer b, int off) {
        return Short.toUnsignedInt(b.getShort(off + FAMILY));
    }

    public static int sockType(ByteBuffer b, int off) {
        return Short.toUnsignedInt(b.getShort(off + SOCK_TYPE));
    }

    public static int protocol(ByteBuffer b, int off) {
        return Short.toUnsignedInt(b.getShort(off + PROTOCOL));
    }

    public static int localPort(ByteBuffer b, int off) {
        return Short.toUnsignedInt(b.getShort(off + LOCAL_PORT));
    }

    public static int remotePort(ByteBuffer b, int off) {
        return Short.toUnsignedInt(b.getShort(off + REMOTE_PORT));
    }

    public static String localAddress(ByteBuffer b, int off) {
        return SockAddrs.inet(b, off + LOCAL_ADDR, family(b, off));
    }

    /** The peer: an IP address, or for AF_UNIX the socket path (abstract names as "@name"). */
    public static String remoteAddress(ByteBuffer b, int off) {
        int family = family(b, off);
        return family == SockAddrs.AF_UNIX ? SockAddrs.unixPath(b, off + UNIX_PATH, UNIX_PATH_MAX)
                : SockAddrs.inet(b, off + REMOTE_ADDR, family);
    }
}
