package io.infrasight.api.event;

/**
 * Resource usage of one process over one interval; the last interval is flushed when its last thread
 * exits. {@code forks}: the processes it started in the interval (threads are not processes: see
 * {@code threads}).
 */
public record ResourceEvent(EventHeader header, long intervalNs, long cpuNs, long minorFaults, long majorFaults, long rssBytes, long readBytes, long writeBytes, int threads, int forks, Lifecycle lifecycle) implements Event {
    public ResourceEvent {
        Event.checkKind(header, EventKind.RESOURCE);
        lifecycle = lifecycle == null ? Lifecycle.RUNNING : lifecycle;
        if (forks < 0) {
            throw new IllegalArgumentException("forks < 0: " + forks);
        }
    }

    /** Without a fork count (1.0 of this package; an older agent's event): no forks. */
    public ResourceEvent(EventHeader header, long intervalNs, long cpuNs, long minorFaults, long majorFaults,
            long rssBytes, long readBytes, long writeBytes, int threads, Lifecycle lifecycle) {
        this(header, intervalNs, cpuNs, minorFaults, majorFaults, rssBytes, readBytes, writeBytes, threads, 0, lifecycle);
    }

    @Override
    public ResourceEvent withHeader(EventHeader h) {
        return new ResourceEvent(h, intervalNs, cpuNs, minorFaults, majorFaults, rssBytes, readBytes, writeBytes, threads, forks, lifecycle);
    }
}
