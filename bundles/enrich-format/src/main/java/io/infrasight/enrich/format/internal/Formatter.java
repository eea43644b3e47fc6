package io.infrasight.enrich.format.internal;

import io.infrasight.api.event.AcceptEvent;
import io.infrasight.api.event.ChmodEvent;
import io.infrasight.api.event.ConnectEvent;
import io.infrasight.api.enrich.ContextMemo;
import io.infrasight.api.event.Context;
import io.infrasight.api.event.ContextKeys;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.MmapEvent;
import io.infrasight.api.event.MountEvent;
import io.infrasight.api.event.MprotectEvent;
import io.infrasight.api.event.OpenEvent;
import io.infrasight.api.event.PtraceEvent;
import io.infrasight.api.event.SyscallFrequencyEvent;
import io.infrasight.api.event.UmountEvent;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns numbers into the names operators know. Rendered flag strings are cached per value (a
 * process uses few distinct flag sets), so a warm event costs table lookups and one context copy.
 */
public final class Formatter {
    private static final int CACHE_MAX = 4096;

    public record Settings(boolean latency, boolean fillTime, boolean syscallNames) {
        public static Settings defaults() {
            return new Settings(true, true, true);
        }
    }

    private final Settings settings;
    /** Wall clock minus CLOCK_MONOTONIC (what System.nanoTime reads on Linux), taken once. */
    private final long bootEpochNanos;
    private final ConcurrentHashMap<Long, Map<String, Object>> stableValues = new ConcurrentHashMap<>();
    // larger than the others: one entry per (process context, names map), and a process does many kinds of thing
    private final ContextMemo memo = new ContextMemo(16384);
    private final ConcurrentHashMap<Long, String> openFlags = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, String> prot = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, String> mapFlags = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, String> mountFlags = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, String> umountFlags = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, String[]> modes = new ConcurrentHashMap<>();
    /** The syscall table: the platform's SyscallNames service when one is bound, else the built-in one. */
    private volatile Map<Integer, String> syscalls = Names.SYSCALLS;
    private final LongAdder events = new LongAdder();
    private final LongAdder rendered = new LongAdder();
    private final LongAdder renderHits = new LongAdder();
    private final LongAdder timesFilled = new LongAdder();
    private final LongAdder unknownErrno = new LongAdder();
    private final LongAdder unknownSyscalls = new LongAdder();

    public Formatter(Settings settings) {
        this.settings = settings;
        Instant now = Instant.now();
        this.bootEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano() - System.nanoTime();
    }

    public Event enrich(Event event) {
        events.increment();
        EventHeader h = event.header();
        // the names depend only on a few numbers (kind, errno, flags...): one map per distinct combination,
        // the same object every time, so that the context copy can be memoised when nothing else is added
        long key = stableKey(event, h);
        Map<String, Object> stable = key < 0 ? null : stableValues.get(key);
        if (stable != null) {
            renderHits.increment();
        } else {
            rendered.increment();
            LinkedHashMap<String, Object> v = new LinkedHashMap<>(8);
            long ret = h.retval();
            if (ret < 0 && ret >= -4095) {
                String name = Names.ERRNO.get((int) -ret);
                if (name != null) {
                    v.put(ContextKeys.EVT_ERRNO_NAME, name);
                } else {
                    unknownErrno.increment();
                }
            }
            kindFields(event, v);
            stable = Collections.unmodifiableMap(v);
            if (key >= 0) {
                if (stableValues.size() >= CACHE_MAX) {
                    stableValues.clear();
                }
                stableValues.put(key, stable);
            }
        }
        EventHeader out = h;
        if (settings.fillTime() && h.timeNanos() == 0 && h.monoNanos() != 0) {
            out = new EventHeader(h.kind(), bootEpochNanos + h.monoNanos(), h.monoNanos(), h.pid(), h.tid(), h.ppid(),
                    h.uid(), h.gid(), h.euid(), h.cgroupId(), h.comm(), h.retval(), h.latencyNs(), h.node(), h.context());
            timesFilled.increment();
        }
        Context ctx;
        if (settings.latency() && h.latencyNs() > 0) {
            LinkedHashMap<String, Object> v = new LinkedHashMap<>(stable);
            v.put(ContextKeys.EVT_LATENCY_MS, h.latencyNs() / 1e6);
            ctx = out.context().with(v);
        } else {
            ctx = memo.with(out.context(), stable);
        }
        if (ctx == h.context() && out == h) {
            return event;
        }
        return event.withHeader(out.withContext(ctx));
    }

    /** The numbers the readable names depend on, packed; -1 when they do not fit (not cached). */
    private static long stableKey(Event event, EventHeader h) {
        long ret = h.retval();
        long errno = ret < 0 && ret >= -4095 ? -ret : 0;
        long base = ((long) h.kind().code() << 56) | (errno << 44);
        if (event instanceof OpenEvent o) {
            return base | ((o.flags() & 0xFFFFFFFFL) << 12) | (o.mode() & 07777);
        } else if (event instanceof ChmodEvent c) {
            return base | (c.mode() & 07777);
        } else if (event instanceof ConnectEvent c) {
            return net(base, c.family(), c.sockType(), c.protocol());
        } else if (event instanceof AcceptEvent a) {
            return net(base, a.family(), a.sockType(), a.protocol());
        } else if (event instanceof PtraceEvent p) {
            return p.requestName().isEmpty() && p.request() >= 0 && p.request() < 0x10000 ? base | p.request() : -1;
        } else if (event instanceof MmapEvent m) {
            return m.prot() >= 0 && m.prot() < 0x100 ? base | ((long) m.prot() << 32) | (m.flags() & 0xFFFFFFFFL) : -1;
        } else if (event instanceof MprotectEvent m) {
            return m.prot() >= 0 && m.prot() < 0x100 ? base | m.prot() : -1;
        } else if (event instanceof MountEvent m) {
            return m.flags() >= 0 && m.flags() < (1L << 32) ? base | m.flags() : -1;
        } else if (event instanceof UmountEvent u) {
            return u.flags() >= 0 && u.flags() < (1L << 32) ? base | u.flags() : -1;
        } else if (event instanceof SyscallFrequencyEvent) {
            return -1;
        }
        return base;
    }

    private static long net(long base, int family, int type, int protocol) {
        if (family < 0 || family > 0xFF || type < 0 || protocol < 0 || protocol > 0xFFFF) {
            return -1;
        }
        return base | ((long) family << 32) | ((long) (type & 0xFFFF) << 16) | protocol;
    }

    private void kindFields(Event event, Map<String, Object> v) {
        if (event instanceof OpenEvent o) {
            v.put(ContextKeys.OPEN_FLAGS_NAMES, cached(openFlags, o.flags() & 0xFFFFFFFFL, Names.OPEN_FLAGS, "O_RDONLY"));
            if ((o.flags() & 0100) != 0 || (o.flags() & 020000000) != 0) {
                v.put(ContextKeys.OPEN_MODE_OCTAL, mode(o.mode())[0]); // the mode only matters when creating
            }
        } else if (event instanceof ChmodEvent c) {
            String[] m = mode(c.mode());
            v.put(ContextKeys.CHMOD_MODE_OCTAL, m[0]);
            v.put(ContextKeys.CHMOD_MODE_TEXT, m[1]);
        } else if (event instanceof ConnectEvent c) {
            net(c.family(), c.sockType(), c.protocol(), v);
        } else if (event instanceof AcceptEvent a) {
            net(a.family(), a.sockType(), a.protocol(), v);
        } else if (event instanceof PtraceEvent p) {
            String n = p.requestName().isEmpty() ? Names.PTRACE.get(p.request()) : p.requestName();
            v.put(ContextKeys.PTRACE_REQUEST_NAME, n != null ? n : "PTRACE_" + p.request());
        } else if (event instanceof MmapEvent m) {
            v.put(ContextKeys.MMAP_PROT_NAMES, cached(prot, m.prot() & 0xFFFFFFFFL, Names.PROT, "PROT_NONE"));
            v.put(ContextKeys.MMAP_FLAGS_NAMES, cached(mapFlags, m.flags() & 0xFFFFFFFFL, Names.MAP_FLAGS, "0"));
        } else if (event instanceof MprotectEvent m) {
            v.put(ContextKeys.MMAP_PROT_NAMES, cached(prot, m.prot() & 0xFFFFFFFFL, Names.PROT, "PROT_NONE"));
        } else if (event instanceof MountEvent m) {
            long f = m.flags();
            if ((f & 0xFFFF0000L) == 0xC0ED0000L) {
                f &= 0xFFFF; // MS_MGC_VAL, the magic old mount(8) put in the upper half
            }
            v.put(ContextKeys.MOUNT_FLAGS_NAMES, cached(mountFlags, f, Names.MOUNT_FLAGS, "0"));
        } else if (event instanceof UmountEvent u) {
            v.put(ContextKeys.MOUNT_FLAGS_NAMES, cached(umountFlags, u.flags(), Names.UMOUNT_FLAGS, "0"));
        } else if (event instanceof SyscallFrequencyEvent s && settings.syscallNames()) {
            LinkedHashMap<String, Long> byName = new LinkedHashMap<>();
            s.counts().forEach((nr, n) -> {
                String name = syscalls.get(nr);
                if (name == null) {
                    unknownSyscalls.increment();
                    name = "sys_" + nr; // the form io.infrasight.api.syscall.SyscallNames uses
                }
                byName.merge(name, n, Long::sum);
            });
            v.put(ContextKeys.SYSCALL_COUNTS_BY_NAME, Collections.unmodifiableMap(byName));
        }
        // exec and resource events carry nothing numeric to name beyond the header
    }

    /** Uses another table (null: the built-in one). */
    public void useSyscallTable(Map<Integer, String> table) {
        syscalls = table == null || table.isEmpty() ? Names.SYSCALLS : table;
    }

    private void net(int family, int type, int protocol, Map<String, Object> v) {
        String f = Names.FAMILIES.get(family);
        v.put(ContextKeys.NET_FAMILY_NAME, f != null ? f : "AF_" + family);
        int base = type & 0xf; // SOCK_NONBLOCK / SOCK_CLOEXEC live in the upper bits
        String t = Names.SOCK_TYPES.get(base);
        if (t != null) {
            v.put(ContextKeys.NET_SOCKTYPE_NAME, t);
        }
        String p = Names.PROTOCOLS.get(protocol);
        if (p == null && protocol == 0 && (family == 2 || family == 10)) {
            p = base == 1 ? "TCP" : base == 2 ? "UDP" : null; // protocol 0 means the family's default
        }
        if (p != null) {
            v.put(ContextKeys.NET_PROTOCOL_NAME, p);
        }
    }

    private String cached(ConcurrentHashMap<Long, String> cache, long value, Names.Flag[] table, String zero) {
        String s = cache.get(value);
        if (s != null) {
            return s;
        }
        s = Names.flags(value, table, zero);
        if (cache.size() >= CACHE_MAX) {
            cache.clear();
        }
        cache.put(value, s);
        return s;
    }

    private String[] mode(int mode) {
        int m = mode & 07777;
        String[] s = modes.get(m);
        if (s == null) {
            s = new String[] {String.format("%04o", m), Names.modeText(m)};
            modes.put(m, s); // at most 4096 distinct values: bounded by construction
        }
        return s;
    }

    public Map<String, Long> counters() {
        LinkedHashMap<String, Long> c = new LinkedHashMap<>();
        c.put("events", events.sum());
        c.put("names_cache_size", (long) stableValues.size());
        c.put("names_cache_capacity", (long) CACHE_MAX);
        c.put("flag_cache_size", (long) (openFlags.size() + prot.size() + mapFlags.size() + mountFlags.size()
                + umountFlags.size()));
        c.put("hits", renderHits.sum());
        c.put("misses", rendered.sum());
        c.put("times_filled", timesFilled.sum());
        c.put("failed_unknown_errno", unknownErrno.sum());
        c.put("failed_unknown_syscall", unknownSyscalls.sum());
        return c;
    }
}
