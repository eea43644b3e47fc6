package io.infrasight.probe.accept;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.infrasight.bpf.probe.SockRecord;
import io.infrasight.bpf.testkit.BtfStruct;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SockRecord's offsets must be what clang compiled into accept.bpf.o (this bundle's resource). */
class AcceptAbiTest {

    @Test
    void sockEventOffsetsAndSizeMatchTheObjectsBtf() throws Exception {
        BtfStruct btf = BtfStruct.of(BtfStruct.extract(AcceptProbe.OBJECT), "sock_event");
        assertEquals(sorted(SockRecord.layout()), sorted(btf.offsets()));
        assertEquals(SockRecord.SIZE, btf.size(), "sizeof(struct sock_event)");
    }

    static Map<String, Integer> sorted(Map<String, Integer> m) {
        Map<String, Integer> s = new LinkedHashMap<>();
        m.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> s.put(e.getKey(), e.getValue()));
        return s;
    }
}
