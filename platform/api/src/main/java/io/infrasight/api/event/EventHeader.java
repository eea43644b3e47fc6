package io.infrasight.api.event;

import java.util.Objects;

/**
 * The fields every event carries; mirrors {@code struct event_header} in {@code bpf/include/events.h}
 * plus what user space adds (wall-clock time, node, enrichment context).
 *
 * @param kind       what happened
 * @param timeNanos  wall-clock time, nanoseconds since the Unix epoch (derived from monoNanos once per boot)
 * @param monoNanos  CLOCK_MONOTONIC nanoseconds as the kernel stamped it
 * @param pid        process id (the kernel's tgid)
 * @param tid        thread id (the kernel's pid)
 * @param ppid       parent process id
 * @param uid        real user id
 * @param gid        real group id
 * @param euid       effective user id
 * @param cgroupId   cgroup v2 id of the task
 * @param comm       task command name (at most 15 characters)
 * @param retval     syscall result: a value, or a negative errno
 * @param latencyNs  time spent in the syscall, 0 when not measured
 * @param node       host name of the node that observed the event
 * @param context    enrichment, never null
 */
public record EventHeader(
        EventKind kind,
        long timeNanos,
        long monoNanos,
        int pid,
        int tid,
        int ppid,
        int uid,
        int gid,
        int euid,
        long cgroupId,
        String comm,
        long retval,
        long latencyNs,
        String node,
        Context context) {

    public EventHeader {
        Objects.requireNonNull(kind, "kind");
        comm = comm == null ? "" : comm;
        node = node == null ? "" : node;
        context = context == null ? Context.EMPTY : context;
    }

    public EventHeader withContext(Context newContext) {
        return new EventHeader(kind, timeNanos, monoNanos, pid, tid, ppid, uid, gid, euid, cgroupId, comm,
                retval, latencyNs, node, newContext);
    }

    public EventHeader withNode(String newNode) {
        return new EventHeader(kind, timeNanos, monoNanos, pid, tid, ppid, uid, gid, euid, cgroupId, comm,
                retval, latencyNs, newNode, context);
    }

    /** A header with only kind, time and process ids set; handy for sources that are not the kernel. */
    public static EventHeader of(EventKind kind, long timeNanos, int pid, int tid, int ppid, int uid, String comm) {
        return new EventHeader(kind, timeNanos, 0, pid, tid, ppid, uid, uid, uid, 0, comm, 0, 0, "", Context.EMPTY);
    }
}
