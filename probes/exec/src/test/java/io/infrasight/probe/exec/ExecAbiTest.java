package io.infrasight.probe.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.infrasight.bpf.testkit.BtfStruct;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ExecDecoder's offsets must be what clang compiled into exec.bpf.o (this bundle's resource). */
class ExecAbiTest {

    @Test
    void execEventOffsetsAndSizeMatchTheObjectsBtf() throws Exception {
        BtfStruct btf = BtfStruct.of(BtfStruct.extract(ExecProbe.OBJECT), "exec_event");
        Map<String, Integer> expected = new LinkedHashMap<>(ExecDecoder.layout());
        expected.put("_pad0", ExecDecoder.FILENAME - 4);   // explicit padding, not decoded
        assertEquals(sorted(expected), sorted(btf.offsets()));
        assertEquals(ExecDecoder.ARGV + ExecDecoder.ARGV_MAX, btf.size(), "sizeof(struct exec_event)");
    }

    static Map<String, Integer> sorted(Map<String, Integer> m) {
        Map<String, Integer> s = new LinkedHashMap<>();
        m.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> s.put(e.getKey(), e.getValue()));
        return s;
    }
}
