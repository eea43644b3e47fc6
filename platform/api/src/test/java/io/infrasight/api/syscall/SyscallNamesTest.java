package io.infrasight.api.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyscallNamesTest {
    private static SyscallNames of(String text) throws IOException {
        return SyscallNames.parse("x86_64", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void numbersAndNamesMapBothWays() throws Exception {
        SyscallNames t = of("# generated\n0\tread\n110\tgetppid\n\n102\tgetuid\n");
        assertEquals(3, t.size());
        assertEquals("getppid", t.name(110));
        assertEquals(102, t.number("getuid"));
        assertEquals(-1, t.number("nosuch"));
        assertEquals("x86_64", t.arch());
    }

    @Test
    void unknownNumberGetsAPlaceholderName() throws Exception {
        assertEquals("sys_499", of("0\tread\n").name(499));
    }

    @Test
    void countsByNumberBecomeCountsByName() throws Exception {
        SyscallNames t = of("110\tgetppid\n102\tgetuid\n");
        assertEquals(Map.of("getppid", 3L, "getuid", 2L, "sys_7", 1L), t.named(Map.of(110, 3L, 102, 2L, 7, 1L)));
    }

    @Test
    void malformedLineIsRejectedWithItsLineNumber() {
        IOException e = assertThrows(IOException.class, () -> of("0\tread\nxx\twrite\n"));
        assertEquals(true, e.getMessage().contains("line 2"), e.getMessage());
    }
}
