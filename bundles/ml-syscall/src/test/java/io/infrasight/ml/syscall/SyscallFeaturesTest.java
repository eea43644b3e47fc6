package io.infrasight.ml.syscall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.SyscallFrequencyEvent;
import io.infrasight.api.syscall.SyscallNames;
import io.infrasight.ml.Level;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyscallFeaturesTest {
    static SyscallFrequencyEvent event(Map<Integer, Long> counts) {
        return new SyscallFrequencyEvent(EventHeader.of(EventKind.SYSCALL_FREQUENCY, 1, 7, 7, 1, 0, "x"),
                2_000_000_000L, counts);
    }

    @Test
    void theMixIsSharesOfTheIntervalsCallsPlusTheCallRate() {
        SyscallFeatures f = new SyscallFeatures();
        SyscallFrequencyEvent e = event(Map.of(0, 30L, 1, 10L));
        Map<String, Double> x = f.features(f.raw(e), f.intervalSeconds(e), 1, Level.PROCESS);
        assertEquals(0.75, x.get("sys.0"), 1e-9);
        assertEquals(0.25, x.get("sys.1"), 1e-9);
        assertEquals(Math.log1p(20), x.get("syscalls_per_s"), 1e-9, "40 calls over 2 s");
    }

    @Test
    void anIntervalWithoutCallsCarriesNoVector() {
        SyscallFeatures f = new SyscallFeatures();
        assertTrue(f.raw(event(Map.of())).isEmpty());
    }

    @Test
    void featuresKeepNumbersAndAlertsShowNamesWhenATableIsBound() throws Exception {
        SyscallNames table = SyscallNames.parse("x86_64",
                new ByteArrayInputStream("0\tread\n59\texecve\n".getBytes(StandardCharsets.UTF_8)));
        SyscallFeatures f = new SyscallFeatures(() -> table);
        assertTrue(f.raw(event(Map.of(59, 1L))).containsKey("sys.59"), "stored models do not depend on the table");
        assertEquals("sys.execve", f.describe("sys.59"));
        assertEquals("sys.other", f.describe("sys.other"));
        assertEquals("sys.59", new SyscallFeatures().describe("sys.59"), "no table: the number");
    }
}
