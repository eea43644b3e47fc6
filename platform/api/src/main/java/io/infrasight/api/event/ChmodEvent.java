package io.infrasight.api.event;

/** A file mode was changed (chmod, fchmod, fchmodat, fchmodat2). */
public record ChmodEvent(EventHeader header, String path, int mode, String syscall) implements Event {
    public ChmodEvent {
        Event.checkKind(header, EventKind.CHMOD);
        path = path == null ? "" : path;
        syscall = syscall == null ? "" : syscall;
    }

    @Override
    public ChmodEvent withHeader(EventHeader h) {
        return new ChmodEvent(h, path, mode, syscall);
    }
}
