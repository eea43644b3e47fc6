package io.infrasight.bpf.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SockAddrsTest {

    private static ByteBuffer bytes(int... b) {
        ByteBuffer buf = ByteBuffer.allocate(32);
        for (int i = 0; i < b.length; i++) {
            buf.put(i, (byte) b[i]);
        }
        return buf;
    }

    @Test
    void ipv4IsDotted() {
        assertEquals("127.0.0.1", SockAddrs.inet(bytes(127, 0, 0, 1), 0, SockAddrs.AF_INET));
    }

    @Test
    void ipv6IsCompressedAsRfc5952Says() {
        assertEquals("::1", SockAddrs.inet(bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1), 0, SockAddrs.AF_INET6));
        assertEquals("2001:db8::8:800:200c:417a", SockAddrs.inet(bytes(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 8, 8, 0,
                0x20, 0x0c, 0x41, 0x7a), 0, SockAddrs.AF_INET6));
        assertEquals("::", SockAddrs.inet(bytes(), 0, SockAddrs.AF_INET6));
        assertEquals("fe80::1:0:0:1", SockAddrs.compress("fe80:0:0:0:1:0:0:1"));
    }

    @Test
    void v4MappedIpv6IsShownAsIpv4() {
        assertEquals("10.1.2.3", SockAddrs.inet(bytes(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 1, 2, 3), 0,
                SockAddrs.AF_INET6));
    }

    @Test
    void otherFamiliesHaveNoInetAddress() {
        assertEquals("", SockAddrs.inet(bytes(1, 2, 3, 4), 0, SockAddrs.AF_UNIX));
    }

    @Test
    void unixPathEndsAtNulAndAbstractNamesGetAnAt() {
        ByteBuffer b = ByteBuffer.allocate(108);
        b.put(0, "/run/x.sock\0junk".getBytes(StandardCharsets.UTF_8));
        assertEquals("/run/x.sock", SockAddrs.unixPath(b, 0, 108));
        ByteBuffer a = ByteBuffer.allocate(108);
        a.put(1, "abstract".getBytes(StandardCharsets.UTF_8));
        assertEquals("@abstract", SockAddrs.unixPath(a, 0, 108));
    }
}
