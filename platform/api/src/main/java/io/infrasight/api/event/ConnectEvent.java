package io.infrasight.api.event;

/** An outgoing connection was attempted; {@code retval} holds the result, including -EINPROGRESS. */
public record ConnectEvent(EventHeader header, int family, int sockType, int protocol, String localAddress, int localPort, String remoteAddress, int remotePort) implements Event {
    public ConnectEvent {
        Event.checkKind(header, EventKind.CONNECT);
        localAddress = localAddress == null ? "" : localAddress;
        remoteAddress = remoteAddress == null ? "" : remoteAddress;
    }

    @Override
    public ConnectEvent withHeader(EventHeader h) {
        return new ConnectEvent(h, family, sockType, protocol, localAddress, localPort, remoteAddress, remotePort);
    }
}
