package io.infrasight.probe.syscalls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.syscall.SyscallNames;
import org.junit.jupiter.api.Test;

/** The table generated at build from asm/unistd_64.h, as the bundle ships it. */
class SyscallTableTest {

    @Test
    void generatedTableKnowsTheX8664NumbersOfWellKnownSyscalls() {
        SyscallNames t = SyscallTable.load();
        assertNotNull(t, "the generated table is missing from the bundle's resources");
        assertEquals("read", t.name(0));
        assertEquals("write", t.name(1));
        assertEquals("execve", t.name(59));
        assertEquals("getuid", t.name(102));
        assertEquals("getppid", t.name(110));
        assertEquals(257, t.number("openat"));
        assertTrue(t.size() >= 300, "only " + t.size() + " syscalls");
        assertEquals("x86_64", t.arch());
    }
}
