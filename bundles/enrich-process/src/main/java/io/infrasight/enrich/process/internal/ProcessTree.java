package io.infrasight.enrich.process.internal;

import io.infrasight.api.enrich.MissBudget;
import io.infrasight.api.enrich.ContextMemo;
import io.infrasight.api.event.ContextKeys;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.ExecEvent;
import io.infrasight.api.event.Lifecycle;
import io.infrasight.api.event.ResourceEvent;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process tree behind the process enricher, without OSGi. Kept current three ways: exec events
 * as they pass through {@link #enrich} (and resource events with lifecycle EXIT), a /proc scan on
 * the tree's own thread (new pids, pids that have gone, start times still missing), and on a
 * cache miss a /proc read on the publishing thread while the per-second budget lasts.
 */
public final class ProcessTree implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessTree.class);
    private static final int PENDING_MAX = 4096;
    private static final int NEW_PIDS_PER_SCAN = 4096;

    /** What the tree needs to know; the DS component fills it from its configuration. */
    public record Settings(Path procRoot, int capacity, int ancestryDepth, long lingerMillis, long scanMillis,
            int missBudgetPerSecond, int cmdlineMax, long negativeTtlMillis) {
        public static Settings defaults() {
            return new Settings(Path.of("/proc"), 65536, 5, 5000, 1000, 200, 4096, 1000);
        }

        public Settings withProcRoot(Path root) {
            return new Settings(root, capacity, ancestryDepth, lingerMillis, scanMillis, missBudgetPerSecond,
                    cmdlineMax, negativeTtlMillis);
        }

        public Settings withCapacity(int c) {
            return new Settings(procRoot, c, ancestryDepth, lingerMillis, scanMillis, missBudgetPerSecond,
                    cmdlineMax, negativeTtlMillis);
        }

        public Settings withMissBudget(int b) {
            return new Settings(procRoot, capacity, ancestryDepth, lingerMillis, scanMillis, b, cmdlineMax,
                    negativeTtlMillis);
        }
    }

    private final Settings settings;
    private final ProcReader reader;
    private final ProcessTable table;
    private final MissBudget budget;
    private final ContextMemo memo = new ContextMemo(4096);
    private final PendingPids pending = new PendingPids(PENDING_MAX);
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder procReads = new LongAdder();
    private final LongAdder budgetExhausted = new LongAdder();
    private final LongAdder execs = new LongAdder();
    private final LongAdder exitsSeen = new LongAdder();
    private final LongAdder scans = new LongAdder();
    private final LongAdder discovered = new LongAdder();
    private final LongAdder resolvedReused = new LongAdder();
    private final LongAdder forksInferred = new LongAdder();
    private volatile Thread thread;
    private volatile boolean running;

    public ProcessTree(Settings settings) {
        this.settings = settings;
        this.reader = new ProcReader(settings.procRoot(), settings.cmdlineMax());
        this.table = new ProcessTable(settings.capacity());
        this.budget = new MissBudget(settings.missBudgetPerSecond());
    }

    /** Starts the scan thread; the first scan seeds the tree from /proc. Returns at once. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        Thread t = new Thread(this::loop, "infrasight-enrich-process-scan");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        while (running) {
            try {
                scanOnce();
            } catch (RuntimeException e) {
                LOG.warn("Process scan failed; retrying next interval", e);
            }
            try {
                Thread.sleep(settings.scanMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    public Event enrich(Event event) {
        EventHeader h = event.header();
        if (event instanceof ExecEvent exec && exec.header().retval() == 0) {
            onExec(exec);
        }
        ProcInfo p = lookup(h.pid(), h.ppid());
        if (p == null) {
            p = forkedChild(h);
        }
        Map<String, Object> values = p == null ? UNKNOWN_VALUES : resolve(p);
        if (event instanceof ResourceEvent r && r.lifecycle() == Lifecycle.EXIT) {
            markExited(h.pid());
        }
        return event.withContext(memo.with(h.context(), values));
    }

    private static final Map<String, Object> UNKNOWN_VALUES = Map.of(ContextKeys.PROC_STATUS, ContextKeys.UNKNOWN);

    /** A successful exec replaces what we knew: same pid, new program. */
    void onExec(ExecEvent e) {
        execs.increment();
        EventHeader h = e.header();
        ProcInfo old = table.get(h.pid());
        String exe = e.filename();
        boolean absolute = exe.startsWith("/");
        if (!absolute && !e.cwd().isEmpty()) {
            exe = Path.of(e.cwd()).resolve(exe).normalize().toString();
            absolute = true;
        }
        String cmd = String.join(" ", e.argv());
        String start = old != null && old.live() ? old.startTime : null;
        if (old != null && old.live() && old.ppid == h.ppid() && old.exe.equals(exe) && old.cmdline.equals(cmd)
                && old.comm.equals(h.comm())) {
            return; // the same program again (a re-exec of itself): keep the entry and every cached ancestry
        }
        long now = System.nanoTime();
        table.put(new ProcInfo(h.pid(), h.ppid(), h.comm(), exe, cmd, start, 0, now, false,
                absolute && start != null));
    }

    /**
     * A pid we cannot resolve whose parent we know and whose comm is the parent's: a child forked
     * without exec, which runs the parent's program with the parent's command line. Taking those from
     * the parent costs no I/O and also covers children that exit before any scan sees them. A
     * different comm means the child exec'd (its exec event may still be on another probe's ring),
     * so nothing is guessed. The scan checks inferred entries against /proc while they live.
     */
    private ProcInfo forkedChild(EventHeader h) {
        if (h.ppid() <= 0 || h.pid() == h.ppid()) {
            return null;
        }
        ProcInfo parent = table.get(h.ppid());
        if (parent == null || parent.unknown || !parent.comm.equals(h.comm())) {
            return null;
        }
        ProcInfo child = new ProcInfo(h.pid(), h.ppid(), h.comm(), parent.exe, parent.cmdline, null, 0,
                System.nanoTime(), false, false);
        ProcInfo current = table.get(h.pid());
        if (current != null && !current.unknown) {
            return current;
        }
        if (current != null) {
            table.remove(h.pid()); // the negative entry from the failed read: the inference is better
        }
        table.put(child);
        forksInferred.increment();
        return child;
    }

    /** The process has gone; its entry lingers so that late events still resolve. */
    public void markExited(int pid) {
        ProcInfo p = table.get(pid);
        if (p != null && p.live()) {
            table.replace(p, p.exited(System.nanoTime()));
            exitsSeen.increment();
        }
    }

    /** The entry for pid, reading /proc on a miss while the budget lasts; null when unknown. */
    ProcInfo lookup(int pid, int ppidHint) {
        if (pid <= 0) {
            return null;
        }
        ProcInfo p = table.get(pid);
        if (p != null) {
            if (p.unknown) {
                hits.increment();
                return null;
            }
            if (ppidHint > 0 && p.ppid != ppidHint) {
                if (!p.live()) {
                    p = null; // the pid was reused after the old process exited
                } else {
                    ProcInfo moved = p.reparented(ppidHint); // the parent died; adopted by init or a subreaper
                    table.replace(p, moved);
                    p = moved;
                }
            }
            if (p != null) {
                hits.increment();
                if (!p.referenced) {
                    p.referenced = true;
                }
                return p;
            }
        }
        misses.increment();
        if (!budget.tryAcquire()) {
            budgetExhausted.increment();
            pending.add(pid);
            return null;
        }
        return readAndStore(pid);
    }

    private ProcInfo readAndStore(int pid) {
        long now = System.nanoTime();
        procReads.increment();
        ProcReader.Result r = reader.read(pid, now);
        if (r.info() == null) {
            failures.computeIfAbsent(r.failure(), k -> new LongAdder()).increment();
            table.put(ProcInfo.unknown(pid, now)); // so a burst from one unreadable pid costs one read
            return null;
        }
        table.put(r.info());
        return r.info();
    }

    /** Context values for p: cached on the entry while its ancestors are unchanged. */
    private Map<String, Object> resolve(ProcInfo p) {
        ProcInfo.Resolved r = p.resolved;
        if (r != null && stillValid(p, r)) {
            resolvedReused.increment();
            return r.values();
        }
        List<ProcInfo> chain = new ArrayList<>(settings.ancestryDepth());
        int missing = 0;
        ProcInfo cur = p;
        for (int d = 0; d < settings.ancestryDepth(); d++) {
            int ppid = cur.ppid;
            if (ppid <= 0 || ppid == cur.pid) {
                break;
            }
            ProcInfo parent = lookup(ppid, 0);
            if (parent == null) {
                missing = ppid;
                break;
            }
            chain.add(parent);
            cur = parent;
        }
        List<Map<String, Object>> ancestors = new ArrayList<>(chain.size());
        for (ProcInfo a : chain) {
            ancestors.add(a.asAncestor());
        }
        LinkedHashMap<String, Object> v = new LinkedHashMap<>(8);
        v.put(ContextKeys.PROC_EXE, p.exe);
        v.put(ContextKeys.PROC_CMDLINE, p.cmdline);
        if (p.startTime != null) {
            v.put(ContextKeys.PROC_START_TIME, p.startTime);
        }
        v.put(ContextKeys.PROC_STATUS, p.status());
        v.put(ContextKeys.PROC_ANCESTORS, Collections.unmodifiableList(ancestors));
        Map<String, Object> values = Collections.unmodifiableMap(v);
        p.resolved = new ProcInfo.Resolved(chain.toArray(new ProcInfo[0]), missing, values);
        return values;
    }

    private boolean stillValid(ProcInfo p, ProcInfo.Resolved r) {
        ProcInfo[] chain = r.chain();
        for (ProcInfo a : chain) {
            if (table.get(a.pid) != a) {
                return false;
            }
            if (!a.referenced) {
                a.referenced = true;
            }
        }
        return r.missingPid() == 0 || table.get(r.missingPid()) == null || table.get(r.missingPid()).unknown;
    }

    /**
     * One pass over /proc: add pids we do not know, mark the ones that have gone as exited, fill
     * entries an exec left incomplete, resolve pids the publishing threads had no budget for, and
     * expire what has lingered long enough.
     */
    public void scanOnce() {
        long started = System.nanoTime();
        BitSet present = new BitSet();
        List<Integer> fresh = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(reader.root())) {
            for (Path p : dir) {
                String name = p.getFileName().toString();
                if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
                    try {
                        int pid = Integer.parseInt(name);
                        present.set(pid);
                        if (table.get(pid) == null && fresh.size() < NEW_PIDS_PER_SCAN) {
                            fresh.add(pid);
                        }
                    } catch (NumberFormatException ignored) {
                        // not a pid directory
                    }
                }
            }
        } catch (IOException e) {
            failures.computeIfAbsent("scan_io_error", k -> new LongAdder()).increment();
            return;
        }
        for (int pid : fresh) {
            ProcReader.Result r = reader.read(pid, System.nanoTime());
            if (r.info() != null && table.get(pid) == null) {
                table.put(r.info());
                discovered.increment();
            }
        }
        for (ProcInfo p : table.snapshot()) {
            if (!p.live() || p.createdAt > started) {
                continue;
            }
            if (!present.get(p.pid)) {
                if (table.replace(p, p.exited(System.nanoTime()))) {
                    exitsSeen.increment();
                }
            } else if (!p.complete) {
                ProcReader.Result r = reader.read(p.pid, System.nanoTime());
                if (r.info() != null) {
                    table.replace(p, r.info());
                }
            }
        }
        Integer pid;
        while ((pid = pending.poll()) != null) {
            ProcInfo p = table.get(pid);
            if (p == null || p.unknown) {
                table.remove(pid);
                readAndStore(pid);
            }
        }
        table.expire(System.nanoTime(), settings.lingerMillis() * 1_000_000L,
                settings.negativeTtlMillis() * 1_000_000L);
        scans.increment();
    }

    public Map<String, Long> counters() {
        LinkedHashMap<String, Long> c = new LinkedHashMap<>();
        c.put("cache_size", (long) table.size());
        c.put("cache_capacity", (long) table.capacity());
        c.put("hits", hits.sum());
        c.put("misses", misses.sum());
        c.put("proc_reads", procReads.sum());
        c.put("miss_budget_exhausted", budgetExhausted.sum());
        c.put("pending_dropped", pending.dropped.sum());
        c.put("execs", execs.sum());
        c.put("exits", exitsSeen.sum());
        c.put("discovered_by_scan", discovered.sum());
        c.put("scans", scans.sum());
        c.put("evictions", table.evictions.sum());
        c.put("expired", table.expired.sum());
        c.put("ancestry_reused", resolvedReused.sum());
        c.put("forks_inferred", forksInferred.sum());
        failures.forEach((k, v) -> c.put("failed_" + k, v.sum()));
        return c;
    }

    ProcessTable table() {
        return table;
    }
}
