package io.infrasight.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordReaderCommTest {

    private static ByteBuffer comm(String name) {
        ByteBuffer b = ByteBuffer.allocateDirect(RecordReader.COMM_LEN).order(ByteOrder.nativeOrder());
        b.put(name.getBytes(StandardCharsets.UTF_8));
        return b.clear();
    }

    @Test
    void cachedTaskNamesAreExactForManyAlternatingNames() {
        RecordReader r = new RecordReader();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 500; i++) {
                String name = "task-" + i;
                assertEquals(name, r.comm(comm(name), 0));
            }
        }
        assertEquals("exactly15chars!", r.comm(comm("exactly15chars!"), 0));
        assertEquals("", r.comm(comm(""), 0));
    }
}
