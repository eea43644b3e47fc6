package io.infrasight.bpf.probe;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/** Socket addresses as the kernel stores them (network byte order) to text. */
public final class SockAddrs {
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;

    private SockAddrs() {
    }

    /**
     * The address of {@code family} at {@code off} (4 or 16 bytes) as text: dotted IPv4; IPv6 in
     * its compressed form, except v4-mapped addresses (::ffff:a.b.c.d), which are shown as IPv4
     * because that is the peer they reach. "" for other families.
     */
    public static String inet(ByteBuffer b, int off, int family) {
        byte[] a;
        if (family == AF_INET) {
            a = new byte[4];
            b.get(off, a);
        } else if (family == AF_INET6) {
            a = new byte[16];
            b.get(off, a);
            if (isV4Mapped(a)) {
                a = new byte[] {a[12], a[13], a[14], a[15]};
            }
        } else {
            return "";
        }
        try {
            InetAddress ia = InetAddress.getByAddress(a);
            if (ia instanceof Inet6Address) {
                return compress(ia.getHostAddress());
            }
            return ia.getHostAddress();
        } catch (UnknownHostException e) {
            return "";   // cannot happen for 4 or 16 bytes
        }
    }

    static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
    }

    /** Java prints 0:0:0:0:0:0:0:1; RFC 5952 says ::1. Replaces the longest run of zero groups. */
    static String compress(String full) {
        String s = full.replaceAll("(^|:)0+([0-9a-f])", "$1$2");
        int pct = s.indexOf('%');
        String scope = pct < 0 ? "" : s.substring(pct);
        s = pct < 0 ? s : s.substring(0, pct);
        String[] g = s.split(":");
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < g.length; i++) {
            int j = i;
            while (j < g.length && g[j].equals("0")) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = Math.max(i, j);
        }
        if (bestStart < 0) {
            return s + scope;
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(g, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(g, bestStart + bestLen, g.length));
        return head + "::" + tail + scope;
    }

    /** sun_path: up to the first NUL; an abstract name (leading NUL) as "@name". */
    public static String unixPath(ByteBuffer b, int off, int max) {
        boolean abstractName = b.get(off) == 0;
        int start = abstractName ? 1 : 0;
        int len = 0;
        while (start + len < max && b.get(off + start + len) != 0) {
            len++;
        }
        if (len == 0) {
            return "";
        }
        byte[] s = new byte[len];
        b.get(off + start, s);
        String text = new String(s, java.nio.charset.StandardCharsets.UTF_8);
        return abstractName ? "@" + text : text;
    }
}
