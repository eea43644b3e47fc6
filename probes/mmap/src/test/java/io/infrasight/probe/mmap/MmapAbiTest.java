package io.infrasight.probe.mmap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.infrasight.bpf.testkit.BtfStruct;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MmapDecoder's offsets must be what clang compiled into mmap.bpf.o (this bundle's resource). */
class MmapAbiTest {

    @Test
    void mmapEventOffsetsAndSizeMatchTheObjectsBtf() throws Exception {
        BtfStruct btf = BtfStruct.of(BtfStruct.extract(MmapProbe.OBJECT), "mmap_event");
        assertEquals(sorted(MmapDecoder.mmapLayout()), sorted(btf.offsets()));
        assertEquals(MmapDecoder.MMAP_SIZE, btf.size(), "sizeof(struct mmap_event)");
    }

    @Test
    void mprotectEventOffsetsAndSizeMatchTheObjectsBtf() throws Exception {
        BtfStruct btf = BtfStruct.of(BtfStruct.extract(MmapProbe.OBJECT), "mprotect_event");
        assertEquals(sorted(MmapDecoder.mprotectLayout()), sorted(btf.offsets()));
        assertEquals(MmapDecoder.MPROTECT_SIZE, btf.size(), "sizeof(struct mprotect_event)");
    }

    static Map<String, Integer> sorted(Map<String, Integer> m) {
        Map<String, Integer> s = new LinkedHashMap<>();
        m.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> s.put(e.getKey(), e.getValue()));
        return s;
    }
}
