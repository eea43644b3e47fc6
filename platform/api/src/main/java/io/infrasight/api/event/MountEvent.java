package io.infrasight.api.event;

/** A mount (mount, fsmount, move_mount). */
public record MountEvent(EventHeader header, String source, String target, String fsType, long flags, long mntNsId, String syscall) implements Event {
    public MountEvent {
        Event.checkKind(header, EventKind.MOUNT);
        source = source == null ? "" : source;
        target = target == null ? "" : target;
        fsType = fsType == null ? "" : fsType;
        syscall = syscall == null ? "" : syscall;
    }

    @Override
    public MountEvent withHeader(EventHeader h) {
        return new MountEvent(h, source, target, fsType, flags, mntNsId, syscall);
    }
}
