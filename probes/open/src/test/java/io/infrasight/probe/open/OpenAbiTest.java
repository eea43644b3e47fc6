package io.infrasight.probe.open;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.infrasight.bpf.testkit.BtfStruct;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OpenDecoder's offsets must be what clang compiled into open.bpf.o (this bundle's resource). */
class OpenAbiTest {

    @Test
    void openEventOffsetsAndSizeMatchTheObjectsBtf() throws Exception {
        BtfStruct btf = BtfStruct.of(BtfStruct.extract(OpenProbe.OBJECT), "open_event");
        Map<String, Integer> expected = new LinkedHashMap<>(OpenDecoder.layout());
        expected.put("_pad0", OpenDecoder.PATH - 4);   // explicit padding, not decoded
        assertEquals(sorted(expected), sorted(btf.offsets()));
        assertEquals(OpenDecoder.PATH + OpenDecoder.PATH_MAX, btf.size(), "sizeof(struct open_event)");
    }

    static Map<String, Integer> sorted(Map<String, Integer> m) {
        Map<String, Integer> s = new LinkedHashMap<>();
        m.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> s.put(e.getKey(), e.getValue()));
        return s;
    }
}
