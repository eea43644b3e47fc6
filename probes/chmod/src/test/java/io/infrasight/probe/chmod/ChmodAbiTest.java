package io.infrasight.probe.chmod;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.infrasight.bpf.testkit.BtfStruct;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ChmodDecoder's offsets must be what clang compiled into chmod.bpf.o (this bundle's resource). */
class ChmodAbiTest {

    @Test
    void chmodEventOffsetsAndSizeMatchTheObjectsBtf() throws Exception {
        BtfStruct btf = BtfStruct.of(BtfStruct.extract(ChmodProbe.OBJECT), "chmod_event");
        assertEquals(sorted(ChmodDecoder.layout()), sorted(btf.offsets()));
        assertEquals(ChmodDecoder.PATH + ChmodDecoder.PATH_MAX, btf.size(), "sizeof(struct chmod_event)");
    }

    static Map<String, Integer> sorted(Map<String, Integer> m) {
        Map<String, Integer> s = new LinkedHashMap<>();
        m.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> s.put(e.getKey(), e.getValue()));
        return s;
    }
}
