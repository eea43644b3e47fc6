package io.infrasight.api.event;

/** An unmount (umount2). */
public record UmountEvent(EventHeader header, String target, long flags, long mntNsId) implements Event {
    public UmountEvent {
        Event.checkKind(header, EventKind.UMOUNT);
        target = target == null ? "" : target;
    }

    @Override
    public UmountEvent withHeader(EventHeader h) {
        return new UmountEvent(h, target, flags, mntNsId);
    }
}
