package io.infrasight.api.event;

/** Resource usage of one process over one interval; the last interval is flushed when its last thread exits. */
public record ResourceEvent(EventHeader header, long intervalNs, long cpuNs, long minorFaults, long majorFaults, long rssBytes, long readBytes, long writeBytes, int threads, Lifecycle lifecycle) implements Event {
    public ResourceEvent {
        Event.checkKind(header, EventKind.RESOURCE);
        lifecycle = lifecycle == null ? Lifecycle.RUNNING : lifecycle;
    }

    @Override
    public ResourceEvent withHeader(EventHeader h) {
        return new ResourceEvent(h, intervalNs, cpuNs, minorFaults, majorFaults, rssBytes, readBytes, writeBytes, threads, lifecycle);
    }
}
