package io.infrasight.api.event;

/** A file was opened (open, openat, openat2). {@code path} is absolute when it could be resolved; {@code retval} is the fd or a negative errno. */
public record OpenEvent(EventHeader header, String path, int flags, int mode, String syscall) implements Event {
    public OpenEvent {
        Event.checkKind(header, EventKind.OPEN);
        path = path == null ? "" : path;
        syscall = syscall == null ? "" : syscall;
    }

    @Override
    public OpenEvent withHeader(EventHeader h) {
        return new OpenEvent(h, path, flags, mode, syscall);
    }
}
