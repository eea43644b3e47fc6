package io.infrasight.source.synthetic.internal;

import io.infrasight.api.event.AcceptEvent;
import io.infrasight.api.event.ChmodEvent;
import io.infrasight.api.event.ConnectEvent;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.ExecEvent;
import io.infrasight.api.event.Lifecycle;
import io.infrasight.api.event.MmapEvent;
import io.infrasight.api.event.MountEvent;
import io.infrasight.api.event.MprotectEvent;
import io.infrasight.api.event.OpenEvent;
import io.infrasight.api.event.PtraceEvent;
import io.infrasight.api.event.ResourceEvent;
import io.infrasight.api.event.SyscallFrequencyEvent;
import io.infrasight.api.event.UmountEvent;
import java.util.List;
import java.util.Map;

/** Builds varied but deterministic events of every kind; sequence number n drives the variation. */
final class EventFactory {
    private static final String[] COMMS = {"bash", "nginx", "java", "python3", "sshd", "curl"};
    private static final String[] PATHS = {"/etc/passwd", "/var/log/syslog", "/tmp/x", "/usr/lib/libc.so.6"};

    private EventFactory() {
    }

    static Event create(EventKind kind, long n, String node) {
        int pid = 1000 + (int) (n % 97);
        String comm = COMMS[(int) (n % COMMS.length)];
        long now = System.currentTimeMillis() * 1_000_000L;
        EventHeader h = new EventHeader(kind, now, System.nanoTime(), pid, pid, 1, (int) (n % 3) * 1000,
                (int) (n % 3) * 1000, (int) (n % 3) * 1000, 4242, comm, 0, 1500, node, null);
        String path = PATHS[(int) (n % PATHS.length)];
        return switch (kind) {
            case EXEC -> new ExecEvent(h, "/usr/bin/" + comm, List.of(comm, "--seq", Long.toString(n)), false, "/",
                    false, false);
            case OPEN -> new OpenEvent(h, path, 0, 0, "openat");
            case CHMOD -> new ChmodEvent(h, path, 0644, "fchmodat");
            case CONNECT -> new ConnectEvent(h, 2, 1, 6, "127.0.0.1", 40000 + (int) (n % 1000), "127.0.0.1", 80);
            case ACCEPT -> new AcceptEvent(h, 2, 1, 6, "127.0.0.1", 80, "127.0.0.1", 40000 + (int) (n % 1000));
            case PTRACE -> new PtraceEvent(h, 16, "PTRACE_ATTACH", pid + 1, 0, 0);
            case MMAP -> new MmapEvent(h, 0x7f0000000000L, 4096, 3, 0x22, -1, "", false);
            case MPROTECT -> new MprotectEvent(h, 0x7f0000000000L, 4096, 5, false);
            case MOUNT -> new MountEvent(h, "tmpfs", "/mnt/t", "tmpfs", 0, 4026531841L, "mount");
            case UMOUNT -> new UmountEvent(h, "/mnt/t", 0, 4026531841L);
            case RESOURCE -> new ResourceEvent(h, 10_000_000_000L, n % 1_000_000, n % 100, 0, 4 << 20, n % 4096,
                    n % 8192, 1, Lifecycle.RUNNING);
            case SYSCALL_FREQUENCY -> new SyscallFrequencyEvent(h, 10_000_000_000L, Map.of(0, n % 50, 257, n % 7));
        };
    }
}
