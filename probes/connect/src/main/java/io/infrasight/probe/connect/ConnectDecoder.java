package io.infrasight.probe.connect;

import io.infrasight.api.event.ConnectEvent;
import io.infrasight.api.event.EventKind;
import io.infrasight.bpf.ProbeRunner;
import io.infrasight.bpf.RecordReader;
import io.infrasight.bpf.probe.SockRecord;
import java.nio.ByteBuffer;

/** struct sock_event of kind CONNECT → {@link ConnectEvent}; ConnectAbiTest checks the layout. */
final class ConnectDecoder implements ProbeRunner.Decoder {

    @Override
    public ConnectEvent decode(RecordReader r, ByteBuffer b, int off, int len) {
        SockRecord.check(b, off, len, EventKind.CONNECT.code());
        return new ConnectEvent(r.header(b, off, EventKind.CONNECT), SockRecord.family(b, off),
                SockRecord.sockType(b, off), SockRecord.protocol(b, off), SockRecord.localAddress(b, off),
                SockRecord.localPort(b, off), SockRecord.remoteAddress(b, off), SockRecord.remotePort(b, off));
    }
}
