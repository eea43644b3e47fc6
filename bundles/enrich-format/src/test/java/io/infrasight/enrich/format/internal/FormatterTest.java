package io.infrasight.enrich.format.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.AcceptEvent;
import io.infrasight.api.event.ChmodEvent;
import io.infrasight.api.event.ConnectEvent;
import io.infrasight.api.event.Context;
import io.infrasight.api.event.ContextKeys;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.MmapEvent;
import io.infrasight.api.event.MountEvent;
import io.infrasight.api.event.OpenEvent;
import io.infrasight.api.event.PtraceEvent;
import io.infrasight.api.event.SyscallFrequencyEvent;
import io.infrasight.api.event.UmountEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FormatterTest {
    final Formatter f = new Formatter(Formatter.Settings.defaults());

    static EventHeader header(EventKind k, long retval, long latencyNs) {
        return new EventHeader(k, 1, 5, 10, 10, 1, 0, 0, 0, 0, "x", retval, latencyNs, "", Context.EMPTY);
    }

    static Context ctx(Event e) {
        return e.header().context();
    }

    @ParameterizedTest(name = "open flags {0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "0;       O_RDONLY",
        "577;     O_WRONLY|O_CREAT|O_TRUNC",
        "524288;  O_RDONLY|O_CLOEXEC",
        "1052672; O_RDONLY|O_SYNC",
        "4259840; O_RDONLY|O_TMPFILE",
        "65536;   O_RDONLY|O_DIRECTORY",
        "2097154; O_RDWR|O_PATH",
        "1073741824; O_RDONLY|0x40000000"
    })
    void openFlags(long flags, String expected) {
        // 577 = 01101 is what fopen("w") passes; O_SYNC (04010000) includes O_DSYNC, O_TMPFILE includes O_DIRECTORY
        assertEquals(expected, Names.flags(flags, Names.OPEN_FLAGS, "O_RDONLY"));
    }

    @Test
    void openCreatesShowTheModeAndErrnoAndLatency() {
        Event e = f.enrich(new OpenEvent(header(EventKind.OPEN, -2, 1_500_000), "/nope", 0101, 0640, "openat"));
        assertEquals("O_WRONLY|O_CREAT", ctx(e).get(ContextKeys.OPEN_FLAGS_NAMES));
        assertEquals("0640", ctx(e).get(ContextKeys.OPEN_MODE_OCTAL));
        assertEquals("ENOENT", ctx(e).get(ContextKeys.EVT_ERRNO_NAME));
        assertEquals(1.5, ctx(e).get(ContextKeys.EVT_LATENCY_MS));
        Event ok = f.enrich(new OpenEvent(header(EventKind.OPEN, 3, 0), "/etc/passwd", 0, 0, "openat"));
        assertNull(ctx(ok).get(ContextKeys.EVT_ERRNO_NAME));
        assertNull(ctx(ok).get(ContextKeys.OPEN_MODE_OCTAL));
        assertNull(ctx(ok).get(ContextKeys.EVT_LATENCY_MS));
    }

    @ParameterizedTest(name = "errno {0} -> {1}")
    @CsvSource({"1,EPERM", "13,EACCES", "11,EAGAIN", "110,ETIMEDOUT", "115,EINPROGRESS", "111,ECONNREFUSED", "133,EHWPOISON"})
    void errnoNames(int errno, String name) {
        assertEquals(name, ctx(f.enrich(new OpenEvent(header(EventKind.OPEN, -errno, 0), "/", 0, 0, ""))).get(
                ContextKeys.EVT_ERRNO_NAME));
    }

    @Test
    void addressesLookLikeAnAddressNotAnErrno() {
        // mmap returns addresses; only -4095..-1 are errors
        Event e = f.enrich(new MmapEvent(header(EventKind.MMAP, 0x7f00_0000_0000L, 0), 0, 4096, 7, 0x22, -1, "", true));
        assertNull(ctx(e).get(ContextKeys.EVT_ERRNO_NAME));
        assertEquals("PROT_READ|PROT_WRITE|PROT_EXEC", ctx(e).get(ContextKeys.MMAP_PROT_NAMES));
        assertEquals("MAP_PRIVATE|MAP_ANONYMOUS", ctx(e).get(ContextKeys.MMAP_FLAGS_NAMES));
        Event none = f.enrich(new MmapEvent(header(EventKind.MMAP, 0, 0), 0, 4096, 0, 0x01 | 0x10, 3, "/x", false));
        assertEquals("PROT_NONE", ctx(none).get(ContextKeys.MMAP_PROT_NAMES));
        assertEquals("MAP_SHARED|MAP_FIXED", ctx(none).get(ContextKeys.MMAP_FLAGS_NAMES));
    }

    @ParameterizedTest(name = "mode {0} -> {1} {2}")
    @CsvSource({"493,0755,rwxr-xr-x", "2541,4755,rwsr-xr-x", "1023,1777,rwxrwxrwt", "1440,2640,rw-r-S---", "0,0000,---------"})
    void chmodModes(int mode, String octal, String text) {
        Event e = f.enrich(new ChmodEvent(header(EventKind.CHMOD, 0, 0), "/x", mode, "fchmodat"));
        assertEquals(octal, ctx(e).get(ContextKeys.CHMOD_MODE_OCTAL));
        assertEquals(text, ctx(e).get(ContextKeys.CHMOD_MODE_TEXT));
    }

    @Test
    void networkFamiliesTypesAndProtocols() {
        Event c = f.enrich(new ConnectEvent(header(EventKind.CONNECT, -115, 0), 10, 1 | 04000 | 02000000, 0, "::1", 5000,
                "::1", 443));
        assertEquals("AF_INET6", ctx(c).get(ContextKeys.NET_FAMILY_NAME));
        assertEquals("SOCK_STREAM", ctx(c).get(ContextKeys.NET_SOCKTYPE_NAME));
        assertEquals("TCP", ctx(c).get(ContextKeys.NET_PROTOCOL_NAME));
        assertEquals("EINPROGRESS", ctx(c).get(ContextKeys.EVT_ERRNO_NAME));
        Event a = f.enrich(new AcceptEvent(header(EventKind.ACCEPT, 5, 0), 2, 2, 17, "127.0.0.1", 53, "127.0.0.1", 4000));
        assertEquals("AF_INET", ctx(a).get(ContextKeys.NET_FAMILY_NAME));
        assertEquals("UDP", ctx(a).get(ContextKeys.NET_PROTOCOL_NAME));
        Event u = f.enrich(new ConnectEvent(header(EventKind.CONNECT, 0, 0), 1, 1, 0, "", 0, "/run/x.sock", 0));
        assertEquals("AF_UNIX", ctx(u).get(ContextKeys.NET_FAMILY_NAME));
        assertNull(ctx(u).get(ContextKeys.NET_PROTOCOL_NAME));
        Event odd = f.enrich(new ConnectEvent(header(EventKind.CONNECT, 0, 0), 99, 1, 0, "", 0, "", 0));
        assertEquals("AF_99", ctx(odd).get(ContextKeys.NET_FAMILY_NAME));
    }

    @Test
    void ptraceRequestsAreNamedWhenTheProbeDidNot() {
        assertEquals("PTRACE_ATTACH", ctx(f.enrich(new PtraceEvent(header(EventKind.PTRACE, 0, 0), 16, "", 77, 0, 0)))
                .get(ContextKeys.PTRACE_REQUEST_NAME));
        assertEquals("PTRACE_SEIZE", ctx(f.enrich(new PtraceEvent(header(EventKind.PTRACE, 0, 0), 0x4206, "", 77, 0, 0)))
                .get(ContextKeys.PTRACE_REQUEST_NAME));
        assertEquals("PTRACE_12345", ctx(f.enrich(new PtraceEvent(header(EventKind.PTRACE, 0, 0), 12345, "", 77, 0, 0)))
                .get(ContextKeys.PTRACE_REQUEST_NAME));
    }

    @Test
    void mountAndUmountFlags() {
        Event m = f.enrich(new MountEvent(header(EventKind.MOUNT, 0, 0), "/a", "/b", "", 0xC0ED0000L | 4096 | 16384 | 1,
                0, "mount"));
        assertEquals("MS_RDONLY|MS_BIND|MS_REC", ctx(m).get(ContextKeys.MOUNT_FLAGS_NAMES));
        Event u = f.enrich(new UmountEvent(header(EventKind.UMOUNT, -16, 0), "/b", 2, 0));
        assertEquals("MNT_DETACH", ctx(u).get(ContextKeys.MOUNT_FLAGS_NAMES));
        assertEquals("EBUSY", ctx(u).get(ContextKeys.EVT_ERRNO_NAME));
    }

    @Test
    void syscallCountsGetNames() {
        Event e = f.enrich(new SyscallFrequencyEvent(header(EventKind.SYSCALL_FREQUENCY, 0, 0), 1_000_000_000L,
                Map.of(0, 10L, 257, 3L, 59, 1L, 452, 2L, 9999, 4L)));
        @SuppressWarnings("unchecked")
        Map<String, Long> byName = (Map<String, Long>) ctx(e).get(ContextKeys.SYSCALL_COUNTS_BY_NAME);
        assertEquals(10L, byName.get("read"));
        assertEquals(3L, byName.get("openat"));
        assertEquals(1L, byName.get("execve"));
        assertEquals(2L, byName.get("fchmodat2"));
        assertEquals(4L, byName.get("sys_9999"));
        assertEquals(1L, f.counters().get("failed_unknown_syscall"));
        f.useSyscallTable(Map.of(9999, "future_call"));
        @SuppressWarnings("unchecked")
        Map<String, Long> withService = (Map<String, Long>) ctx(f.enrich(new SyscallFrequencyEvent(
                header(EventKind.SYSCALL_FREQUENCY, 0, 0), 1, Map.of(9999, 4L)))).get(ContextKeys.SYSCALL_COUNTS_BY_NAME);
        assertEquals(4L, withService.get("future_call"));
    }

    @Test
    void missingWallClockTimeIsFilledFromTheMonotonicClock() {
        long mono = System.nanoTime();
        EventHeader h = new EventHeader(EventKind.OPEN, 0, mono, 1, 1, 1, 0, 0, 0, 0, "x", 0, 0, "", Context.EMPTY);
        Event e = f.enrich(new OpenEvent(h, "/", 0, 0, ""));
        Instant now = Instant.now();
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        assertTrue(Math.abs(nowNanos - e.header().timeNanos()) < 5_000_000_000L, "within seconds of now");
        assertEquals(1L, f.counters().get("times_filled"));
    }

    @Test
    void renderedFlagsAreCached() {
        for (int i = 0; i < 100; i++) {
            f.enrich(new OpenEvent(header(EventKind.OPEN, 3, 0), "/", 02000000, 0, "openat"));
        }
        assertEquals(1L, f.counters().get("misses"));
        assertEquals(99L, f.counters().get("hits"));
    }
}
