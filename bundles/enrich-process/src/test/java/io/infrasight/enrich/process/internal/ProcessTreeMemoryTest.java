package io.infrasight.enrich.process.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.ContextKeys;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.ExecEvent;
import io.infrasight.api.event.Lifecycle;
import io.infrasight.api.event.ResourceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessTreeMemoryTest {

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            best = Math.min(best, rt.totalMemory() - rt.freeMemory());
        }
        return best;
    }

    @Test
    void memoryStaysFlatWhile100kShortLivedProcessesComeAndGo() throws Exception {
        int capacity = 4096;
        int self = (int) ProcessHandle.current().pid();
        try (ProcessTree tree = new ProcessTree(ProcessTree.Settings.defaults().withCapacity(capacity))) {
            long baseline = 0;
            for (int i = 0; i < 100_000; i++) {
                // pids above the kernel's pid_max limit (4194304), so never a real process
                int pid = 5_000_000 + i;
                EventHeader h = EventHeader.of(EventKind.EXEC, i, pid, pid, self, 0, "short");
                tree.enrich(new ExecEvent(h, "/usr/bin/short", List.of("short", Integer.toString(i)), false, "",
                        false, false));
                if ((i & 1) == 0) { // half exit through a resource event, half are only ever noticed by eviction
                    EventHeader r = EventHeader.of(EventKind.RESOURCE, i, pid, pid, self, 0, "short");
                    tree.enrich(new ResourceEvent(r, 1, 1, 0, 0, 0, 0, 0, 1, Lifecycle.EXIT));
                }
                if (i % 1000 == 0) {
                    // a long-lived process that events keep coming from must survive the storm
                    Event e = tree.enrich(ProcessTreeTest.openBy(self, ProcessHandle.current().parent()
                            .map(ProcessHandle::pid).orElse(1L), "java"));
                    assertNotNull(e.header().context().get(ContextKeys.PROC_EXE));
                }
                assertTrue(tree.table().size() <= capacity);
                if (i == 20_000) {
                    baseline = usedHeapAfterGc();
                }
            }
            long end = usedHeapAfterGc();
            assertTrue(tree.table().size() <= capacity);
            assertTrue(tree.counters().get("evictions") >= 100_000 - capacity, tree.counters().toString());
            assertNotNull(tree.table().get(self), "the JVM's own entry survived eviction");
            // flat: growth between 20k and 100k processes stays well under what 80k entries would cost (~30 MB)
            assertTrue(end - baseline < 8L * 1024 * 1024,
                    "heap grew by " + (end - baseline) / 1024 + " KiB from 20k to 100k processes");
            assertEquals(0L, tree.counters().getOrDefault("failed_parse", 0L));
        }
    }
}
