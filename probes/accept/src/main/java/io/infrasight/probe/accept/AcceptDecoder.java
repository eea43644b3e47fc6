package io.infrasight.probe.accept;

import io.infrasight.api.event.AcceptEvent;
import io.infrasight.api.event.EventKind;
import io.infrasight.bpf.ProbeRunner;
import io.infrasight.bpf.RecordReader;
import io.infrasight.bpf.probe.SockRecord;
import java.nio.ByteBuffer;

/** struct sock_event of kind ACCEPT → {@link AcceptEvent}; AcceptAbiTest checks the layout. */
final class AcceptDecoder implements ProbeRunner.Decoder {

    @Override
    public AcceptEvent decode(RecordReader r, ByteBuffer b, int off, int len) {
        SockRecord.check(b, off, len, EventKind.ACCEPT.code());
        return new AcceptEvent(r.header(b, off, EventKind.ACCEPT), SockRecord.family(b, off),
                SockRecord.sockType(b, off), SockRecord.protocol(b, off), SockRecord.localAddress(b, off),
                SockRecord.localPort(b, off), SockRecord.remoteAddress(b, off), SockRecord.remotePort(b, off));
    }
}
