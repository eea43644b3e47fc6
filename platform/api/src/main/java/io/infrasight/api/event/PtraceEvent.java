package io.infrasight.api.event;

/** A ptrace request. */
public record PtraceEvent(EventHeader header, long request, String requestName, int targetPid, long addr, long data) implements Event {
    public PtraceEvent {
        Event.checkKind(header, EventKind.PTRACE);
        requestName = requestName == null ? "" : requestName;
    }

    @Override
    public PtraceEvent withHeader(EventHeader h) {
        return new PtraceEvent(h, request, requestName, targetPid, addr, data);
    }
}
