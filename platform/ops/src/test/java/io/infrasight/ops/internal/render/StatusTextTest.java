package io.infrasight.ops.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.status.BusStatus;
import io.infrasight.ops.internal.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTextTest {

    @Test
    void tableColumnsAlignAndNumbersAlignRight() {
        String t = new TextTable("ID", "COUNT").row("a", 5).row("longer-id", 12345).toString();
        assertEquals("ID         COUNT\n---------  -----\na              5\nlonger-id  12345\n", t);
    }

    @Test
    void statusShowsEverySection() {
        String t = StatusText.status(Fixtures.status());
        assertTrue(t.startsWith("Uptime 0d 00:01:05, events published 1234\n"), t);
        assertTrue(t.contains("tracefs not mounted"), t);
        assertTrue(t.contains("process-tree"), t);
        assertTrue(t.contains("3/65536"), t);
        assertTrue(t.contains("queue_full=5, subscriber_error=1"), t);
        assertTrue(t.contains("must be an integer of at least 16; using 65536"), t);
    }

    @Test
    void probesListCountersAndReasons() {
        String t = StatusText.probes(Fixtures.status());
        assertTrue(t.lines().anyMatch(l -> l.startsWith("exec ") && l.contains("RUNNING") && l.contains("kernel_drops=3")), t);
        assertTrue(t.lines().anyMatch(l -> l.startsWith("open ") && l.endsWith("tracefs not mounted")), t);
    }

    @Test
    void emptySectionsSayNone() {
        String t = StatusText.status(new BusStatus(0, 0, 0, List.of(), List.of(), List.of(), List.of()));
        assertEquals(4, t.lines().filter(l -> l.equals("  (none)")).count(), t);
    }
}
