package io.infrasight.api.event;

/** A memory mapping; {@code writeExec} marks a mapping that is writable and executable at once. */
public record MmapEvent(EventHeader header, long addr, long length, int prot, int flags, int fd, String path, boolean writeExec) implements Event {
    public MmapEvent {
        Event.checkKind(header, EventKind.MMAP);
        path = path == null ? "" : path;
    }

    @Override
    public MmapEvent withHeader(EventHeader h) {
        return new MmapEvent(h, addr, length, prot, flags, fd, path, writeExec);
    }
}
