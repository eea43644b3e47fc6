package io.infrasight.api.event;

/** A protection change; {@code writeExec} marks a region that becomes executable while writable. */
public record MprotectEvent(EventHeader header, long addr, long length, int prot, boolean writeExec) implements Event {
    public MprotectEvent {
        Event.checkKind(header, EventKind.MPROTECT);
    }

    @Override
    public MprotectEvent withHeader(EventHeader h) {
        return new MprotectEvent(h, addr, length, prot, writeExec);
    }
}
