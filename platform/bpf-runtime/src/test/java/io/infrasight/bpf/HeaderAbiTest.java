package io.infrasight.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.infrasight.bpf.testkit.BtfStruct;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RecordReader's view of struct event_header must be what clang compiled into every object. */
class HeaderAbiTest {

    @ParameterizedTest
    @ValueSource(strings = {"exec", "open"})
    void headerOffsetsMatchTheObjectsBtf(String probe) throws Exception {
        BtfStruct btf = BtfStruct.of(BtfStruct.extract("/bpf/" + probe + ".bpf.o"), "event_header");
        assertEquals(RecordReader.HEADER_SIZE, btf.size(), "sizeof(struct event_header)");
        assertEquals(RecordReader.headerLayout(), btf.offsets());
    }
}
