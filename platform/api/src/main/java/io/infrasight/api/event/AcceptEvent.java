package io.infrasight.api.event;

/** A connection was accepted (accept, accept4); addresses are those of the accepted socket. */
public record AcceptEvent(EventHeader header, int family, int sockType, int protocol, String localAddress, int localPort, String remoteAddress, int remotePort) implements Event {
    public AcceptEvent {
        Event.checkKind(header, EventKind.ACCEPT);
        localAddress = localAddress == null ? "" : localAddress;
        remoteAddress = remoteAddress == null ? "" : remoteAddress;
    }

    @Override
    public AcceptEvent withHeader(EventHeader h) {
        return new AcceptEvent(h, family, sockType, protocol, localAddress, localPort, remoteAddress, remotePort);
    }
}
