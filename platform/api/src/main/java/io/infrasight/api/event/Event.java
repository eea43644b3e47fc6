package io.infrasight.api.event;

/**
 * An observed event: a common {@link EventHeader} and a kind-specific payload. Implementations are
 * immutable records, one per {@link EventKind}.
 */
public sealed interface Event permits ExecEvent, OpenEvent, ChmodEvent, ConnectEvent, AcceptEvent,
        PtraceEvent, MmapEvent, MprotectEvent, MountEvent, UmountEvent, ResourceEvent, SyscallFrequencyEvent {

    EventHeader header();

    /** The same event with another header (used by enrichers to attach context). */
    Event withHeader(EventHeader header);

    default EventKind kind() {
        return header().kind();
    }

    default Event withContext(Context context) {
        return withHeader(header().withContext(context));
    }

    static void checkKind(EventHeader header, EventKind expected) {
        if (header.kind() != expected) {
            throw new IllegalArgumentException("header kind " + header.kind() + " on a " + expected + " event");
        }
    }
}
