package io.infrasight.probe.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.infrasight.bpf.testkit.BtfStruct;
import org.junit.jupiter.api.Test;

/** ResourceDecoder's offsets must be what clang compiled into resource.bpf.o. */
class ResourceAbiTest {

    @Test
    void resourceEventOffsetsAndSizeMatchTheObjectsBtf() throws Exception {
        BtfStruct btf = BtfStruct.of(BtfStruct.extract(ResourceProbe.OBJECT), "resource_event");
        assertEquals(ResourceDecoder.layout(), btf.offsets());
        assertEquals(ResourceDecoder.SIZE, btf.size(), "sizeof(struct resource_event)");
    }
}
