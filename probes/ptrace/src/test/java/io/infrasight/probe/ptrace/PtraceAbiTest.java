package io.infrasight.probe.ptrace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.infrasight.bpf.testkit.BtfStruct;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PtraceDecoder's offsets must be what clang compiled into ptrace.bpf.o (this bundle's resource). */
class PtraceAbiTest {

    @Test
    void ptraceEventOffsetsAndSizeMatchTheObjectsBtf() throws Exception {
        BtfStruct btf = BtfStruct.of(BtfStruct.extract(PtraceProbe.OBJECT), "ptrace_event");
        assertEquals(sorted(PtraceDecoder.layout()), sorted(btf.offsets()));
        assertEquals(PtraceDecoder.SIZE, btf.size(), "sizeof(struct ptrace_event)");
    }

    static Map<String, Integer> sorted(Map<String, Integer> m) {
        Map<String, Integer> s = new LinkedHashMap<>();
        m.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> s.put(e.getKey(), e.getValue()));
        return s;
    }
}
