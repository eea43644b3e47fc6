package io.infrasight.enrich.container.internal;

import io.infrasight.api.enrich.MissBudget;
import io.infrasight.api.enrich.ContextMemo;
import io.infrasight.api.event.ContextKeys;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Container of the process behind each event, without OSGi.
 * <ol>
 * <li>By cgroup id: a cache, filled from an index of the cgroup v2 tree (walked on the resolver's
 * thread at start and whenever an unknown id shows up, at most every {@code rescanMillis}).</li>
 * <li>By pid, when the id says nothing conclusive: on cgroup v1 or hybrid hosts a container shows
 * only in the v1 hierarchies, and events without an id exist. A miss reads /proc/&lt;pid&gt;/cgroup
 * on the publishing thread while the per-second budget lasts; entries live {@code pidTtlMillis}.</li>
 * <li>Name, image and labels come later from the runtime's socket, asked on the resolver's own
 * lookup thread with a timeout; events never wait for it.</li>
 * </ol>
 */
public final class ContainerResolver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerResolver.class);

    public record Settings(Path procRoot, Path mountinfo, Path cgroupRoot, Set<String> containerdNamespaces,
            int cacheCapacity, long pidTtlMillis, int missBudgetPerSecond, long rescanMillis, int maxCgroupDirs,
            Path dockerSocket, Path podmanSocket, long socketTimeoutMillis, long lookupRetryMillis) {
        public static Settings defaults() {
            return new Settings(Path.of("/proc"), Path.of("/proc/self/mountinfo"), null, Set.of("default", "k8s.io"),
                    16384, 30_000, 200, 1000, 100_000, Path.of("/var/run/docker.sock"),
                    Path.of("/run/podman/podman.sock"), 500, 60_000);
        }
    }

    private static final long NEGATIVE_TTL_NANOS = 1_000_000_000L;

    private record PidEntry(ContainerRef ref, long at) {
    }

    private final Settings settings;
    private final CgroupPaths paths;
    private final Path unifiedRoot;
    private final boolean hybrid;
    private final MissBudget budget;
    private final ContextMemo memo = new ContextMemo(4096);
    private final RuntimeClient client = new RuntimeClient();
    private final ConcurrentHashMap<Long, ContainerRef> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, PidEntry> byPid = new ConcurrentHashMap<>();
    private volatile Map<Long, String> index = Map.of();
    private final ConcurrentHashMap<String, Long> lookupsAsked = new ConcurrentHashMap<>();
    /** Answers from runtime sockets by container id, for refs made after the answer came. */
    private final ConcurrentHashMap<String, RuntimeClient.Details> details = new ConcurrentHashMap<>();
    private final BlockingQueue<ContainerRef> lookups = new ArrayBlockingQueue<>(1024);
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> runtimes = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder procReads = new LongAdder();
    private final LongAdder budgetExhausted = new LongAdder();
    private final LongAdder rescans = new LongAdder();
    private final LongAdder clears = new LongAdder();
    private final LongAdder lookupsOk = new LongAdder();
    private final LongAdder lookupsDropped = new LongAdder();
    private volatile boolean rescanWanted = true;
    private volatile boolean running;
    private Thread indexer;
    private Thread looker;

    public ContainerResolver(Settings settings) {
        this.settings = settings;
        this.paths = new CgroupPaths(settings.containerdNamespaces());
        CgroupIndex.Mounts m = CgroupIndex.mounts(settings.mountinfo());
        this.unifiedRoot = settings.cgroupRoot() != null ? settings.cgroupRoot() : m.unified();
        this.hybrid = m.hasV1() || unifiedRoot == null;
        this.budget = new MissBudget(settings.missBudgetPerSecond());
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        indexer = daemon(this::indexLoop, "infrasight-enrich-container-index");
        looker = daemon(this::lookupLoop, "infrasight-enrich-container-lookup");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void close() {
        Thread a;
        Thread b;
        synchronized (this) {
            running = false;
            a = indexer;
            b = looker;
            indexer = null;
            looker = null;
        }
        for (Thread t : new Thread[] {a, b}) {
            if (t != null) {
                t.interrupt();
                try {
                    t.join(5000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    public Event enrich(Event event) {
        EventHeader h = event.header();
        ContainerRef r = resolve(h.cgroupId(), h.pid());
        return event.withContext(memo.with(h.context(), r.values()));
    }

    ContainerRef resolve(long cgroupId, int pid) {
        if (cgroupId != 0) {
            ContainerRef r = byId.get(cgroupId);
            if (r == null) {
                String path = index.get(cgroupId);
                if (path != null) {
                    r = remember(cgroupId, paths.parse(path));
                } else {
                    rescanWanted = true;
                }
            }
            if (r != null && (r.isContainer() || !hybrid)) {
                hits.increment();
                return r;
            }
        }
        PidEntry e = pid > 0 ? byPid.get(pid) : null;
        long now = System.nanoTime();
        if (e != null && now - e.at() < settings.pidTtlMillis() * 1_000_000L) {
            hits.increment();
            return e.ref();
        }
        misses.increment();
        if (pid <= 0) {
            count(failures, "no_pid");
            return ContainerRef.UNKNOWN;
        }
        if (!budget.tryAcquire()) {
            budgetExhausted.increment();
            return ContainerRef.UNKNOWN;
        }
        return readProc(cgroupId, pid, now);
    }

    private ContainerRef readProc(long cgroupId, int pid, long now) {
        procReads.increment();
        List<String> lines;
        ContainerRef r;
        long ttl = settings.pidTtlMillis() * 1_000_000L;
        try {
            lines = CgroupIndex.procCgroup(settings.procRoot(), pid);
            r = withKnownDetails(paths.parseProcCgroup(lines));
            if (ContextKeys.UNKNOWN.equals(r.runtime())) {
                count(failures, "unknown_shape");
            }
        } catch (NoSuchFileException ex) {
            count(failures, "proc_gone");
            r = ContainerRef.UNKNOWN;
        } catch (IOException | RuntimeException ex) {
            count(failures, "proc_unreadable");
            r = ContainerRef.UNKNOWN;
        }
        if (byPid.size() >= settings.cacheCapacity()) {
            byPid.clear();
            clears.increment();
        }
        // a failed read is remembered too, for a shorter time (min(ttl, 1 s)): a burst of events from a
        // process that has gone must not cost a /proc read each
        long at = r == ContainerRef.UNKNOWN ? now - ttl + Math.min(ttl, NEGATIVE_TTL_NANOS) : now;
        byPid.put(pid, new PidEntry(r, at));
        count(runtimes, r.runtime());
        askRuntime(r);
        return r;
    }

    private ContainerRef withKnownDetails(ContainerRef r) {
        RuntimeClient.Details d = r.isContainer() ? details.get(r.id()) : null;
        return d == null ? r : r.withDetails(d.name(), d.image(), d.labels());
    }

    private ContainerRef remember(long cgroupId, ContainerRef parsed) {
        ContainerRef r = withKnownDetails(parsed);
        if (byId.size() >= settings.cacheCapacity()) {
            byId.clear(); // ids are never reused; a full cache is rare enough that clearing beats tracking age
            clears.increment();
        }
        if (ContextKeys.UNKNOWN.equals(r.runtime())) {
            count(failures, "unknown_shape");
        }
        byId.put(cgroupId, r);
        count(runtimes, r.runtime());
        askRuntime(r);
        return r;
    }

    private static void count(Map<String, LongAdder> m, String key) {
        m.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** Queues a name/image/labels lookup once per container (again after lookupRetryMillis if it failed). */
    private void askRuntime(ContainerRef r) {
        if (!r.isContainer() || r.name() != null || socketFor(r) == null) {
            return;
        }
        long now = System.nanoTime();
        Long last = lookupsAsked.get(r.id());
        if (last != null && now - last < settings.lookupRetryMillis() * 1_000_000L) {
            return;
        }
        if (lookupsAsked.size() >= settings.cacheCapacity()) {
            lookupsAsked.clear();
        }
        lookupsAsked.put(r.id(), now);
        if (!lookups.offer(r)) {
            lookupsDropped.increment();
        }
    }

    private Path socketFor(ContainerRef r) {
        return switch (r.runtime()) {
            case "docker", "cri" -> settings.dockerSocket();
            case "podman" -> settings.podmanSocket();
            default -> null; // containerd and CRI-O speak gRPC (CRI); not asked (docs/enrichment.md)
        };
    }

    private void lookupLoop() {
        while (running) {
            ContainerRef r;
            try {
                r = lookups.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (r == null) {
                continue;
            }
            Path socket = socketFor(r);
            RuntimeClient.Details d = client.inspect(socket, r.id(), settings.socketTimeoutMillis());
            if (d.failure() != null) {
                count(failures, d.failure());
                continue;
            }
            lookupsOk.increment();
            if (details.size() >= settings.cacheCapacity()) {
                details.clear();
            }
            details.put(r.id(), d);
            byId.replaceAll((k, v) -> v.id().equals(r.id()) ? v.withDetails(d.name(), d.image(), d.labels()) : v);
            byPid.replaceAll((k, v) -> v.ref().id().equals(r.id())
                    ? new PidEntry(v.ref().withDetails(d.name(), d.image(), d.labels()), v.at()) : v);
        }
    }

    private void indexLoop() {
        while (running) {
            if (rescanWanted) {
                rescanWanted = false;
                rescan();
            }
            try {
                Thread.sleep(settings.rescanMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Walks the cgroup v2 tree again; also drops /proc answers older than their ttl. */
    public void rescan() {
        try {
            index = CgroupIndex.walk(unifiedRoot, settings.maxCgroupDirs());
            rescans.increment();
            long now = System.nanoTime();
            byPid.values().removeIf(e -> now - e.at() > settings.pidTtlMillis() * 1_000_000L);
        } catch (RuntimeException e) {
            LOG.warn("Indexing cgroups under {} failed", unifiedRoot, e);
        }
    }

    Path unifiedRoot() {
        return unifiedRoot;
    }

    public Map<String, Long> counters() {
        LinkedHashMap<String, Long> c = new LinkedHashMap<>();
        c.put("id_cache_size", (long) byId.size());
        c.put("pid_cache_size", (long) byPid.size());
        c.put("cache_capacity", (long) settings.cacheCapacity());
        c.put("cgroup_index_size", (long) index.size());
        c.put("hits", hits.sum());
        c.put("misses", misses.sum());
        c.put("proc_reads", procReads.sum());
        c.put("miss_budget_exhausted", budgetExhausted.sum());
        c.put("rescans", rescans.sum());
        c.put("cache_clears", clears.sum());
        c.put("runtime_lookups_ok", lookupsOk.sum());
        c.put("runtime_lookups_dropped", lookupsDropped.sum());
        c.put("hybrid_cgroups", hybrid ? 1L : 0L);
        runtimes.forEach((k, v) -> c.put("resolved_" + k.replace('-', '_'), v.sum()));
        failures.forEach((k, v) -> c.put("failed_" + k, v.sum()));
        return c;
    }
}
