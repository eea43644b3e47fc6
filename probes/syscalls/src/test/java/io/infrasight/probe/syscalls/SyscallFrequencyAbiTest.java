package io.infrasight.probe.syscalls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.infrasight.bpf.testkit.BtfStruct;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SyscallFrequencyDecoder's offsets must be what clang compiled into syscalls.bpf.o. */
class SyscallFrequencyAbiTest {

    @Test
    void syscallFrequencyEventOffsetsAndSizeMatchTheObjectsBtf() throws Exception {
        BtfStruct btf = BtfStruct.of(BtfStruct.extract(SyscallsProbe.OBJECT), "syscall_frequency_event");
        assertEquals(SyscallFrequencyDecoder.layout(), btf.offsets());
        assertEquals(SyscallFrequencyDecoder.COUNTS + SyscallFrequencyDecoder.NR_MAX * SyscallFrequencyDecoder.COUNT_SIZE,
                btf.size(), "sizeof(struct syscall_frequency_event)");
        BtfStruct pair = BtfStruct.of(BtfStruct.extract(SyscallsProbe.OBJECT), "syscall_count");
        assertEquals(Map.of("id", 0, "count", 4), pair.offsets());
        assertEquals(SyscallFrequencyDecoder.COUNT_SIZE, pair.size());
    }
}
