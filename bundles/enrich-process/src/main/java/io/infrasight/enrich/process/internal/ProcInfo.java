package io.infrasight.enrich.process.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What we know about one process. Immutable except for two caches: the CLOCK reference bit (set
 * when the entry is read, so that entries in use survive eviction) and the computed context
 * (valid while the ancestors it was built from are still the current entries).
 */
final class ProcInfo {
    final int pid;
    final int ppid;
    final String comm;
    final String exe;
    final String cmdline;
    /** ISO-8601 fork time, or null when not read yet. */
    final String startTime;
    /** System.nanoTime() when the process was seen gone; 0 while it lives. */
    final long exitedAt;
    /** System.nanoTime() when this entry was made (the /proc scan must not declare younger entries gone). */
    final long createdAt;
    /** A negative entry: /proc could not tell us about this pid. */
    final boolean unknown;
    /** False when some fields still need a /proc read (start time after an exec, relative exe). */
    final boolean complete;

    volatile boolean referenced;
    volatile Resolved resolved;
    private volatile Map<String, Object> asAncestor;

    ProcInfo(int pid, int ppid, String comm, String exe, String cmdline, String startTime, long exitedAt,
            long createdAt, boolean unknown, boolean complete) {
        this.pid = pid;
        this.ppid = ppid;
        this.comm = comm == null ? "" : comm;
        this.exe = exe == null ? "" : exe;
        this.cmdline = cmdline == null ? "" : cmdline;
        this.startTime = startTime;
        this.exitedAt = exitedAt;
        this.createdAt = createdAt;
        this.unknown = unknown;
        this.complete = complete;
    }

    static ProcInfo unknown(int pid, long now) {
        return new ProcInfo(pid, 0, "", "", "", null, 0, now, true, true);
    }

    boolean live() {
        return exitedAt == 0 && !unknown;
    }

    ProcInfo exited(long now) {
        return new ProcInfo(pid, ppid, comm, exe, cmdline, startTime, now, createdAt, unknown, true);
    }

    ProcInfo reparented(int newPpid) {
        return new ProcInfo(pid, newPpid, comm, exe, cmdline, startTime, exitedAt, createdAt, unknown, complete);
    }

    String status() {
        return unknown ? "unknown" : exitedAt != 0 ? "exited" : "live";
    }

    /** The {pid, comm, exe} element of an ancestry list, built once per entry. */
    Map<String, Object> asAncestor() {
        Map<String, Object> m = asAncestor;
        if (m == null) {
            LinkedHashMap<String, Object> a = new LinkedHashMap<>(4);
            a.put("pid", pid);
            a.put("comm", comm);
            a.put("exe", exe);
            m = Collections.unmodifiableMap(a);
            asAncestor = m;
        }
        return m;
    }

    /** The context values for this process and the ancestors they were computed from. */
    record Resolved(ProcInfo[] chain, int missingPid, Map<String, Object> values) {
    }
}
