package io.infrasight.probe.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.infrasight.bpf.testkit.BtfStruct;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MountDecoder's offsets must be what clang compiled into mount.bpf.o (this bundle's resource). */
class MountAbiTest {

    @Test
    void mountEventOffsetsAndSizeMatchTheObjectsBtf() throws Exception {
        BtfStruct btf = BtfStruct.of(BtfStruct.extract(MountProbe.OBJECT), "mount_event");
        assertEquals(sorted(MountDecoder.mountLayout()), sorted(btf.offsets()));
        assertEquals(MountDecoder.MOUNT_SIZE, btf.size(), "sizeof(struct mount_event)");
    }

    @Test
    void umountEventOffsetsAndSizeMatchTheObjectsBtf() throws Exception {
        BtfStruct btf = BtfStruct.of(BtfStruct.extract(MountProbe.OBJECT), "umount_event");
        assertEquals(sorted(MountDecoder.umountLayout()), sorted(btf.offsets()));
        assertEquals(MountDecoder.UMOUNT_SIZE, btf.size(), "sizeof(struct umount_event)");
    }

    static Map<String, Integer> sorted(Map<String, Integer> m) {
        Map<String, Integer> s = new LinkedHashMap<>();
        m.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> s.put(e.getKey(), e.getValue()));
        return s;
    }
}
