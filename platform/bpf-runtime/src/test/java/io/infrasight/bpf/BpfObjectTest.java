package io.infrasight.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.EventKind;
import io.infrasight.bpf.testkit.Harness;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loads the real exec object into the running kernel (root). */
class BpfObjectTest {

    @Test
    void execObjectLoadsAttachesAndDeliversRecordsInABatch() throws Exception {
        try (BpfObject o = BpfObject.open("exec", TestObjects.bytes("exec"))) {
            o.setMaxEntries("events", 1 << 20);
            o.setReadOnly("cfg_wakeup_bytes", 1);   // wake at once: this test wants latency, not batching
            o.load();
            o.attachAll();
            RingBuffer ring = o.ringBuffer("events");
            for (int i = 0; i < 3; i++) {
                new ProcessBuilder("/bin/true").start().waitFor();
            }
            List<Integer> kinds = new ArrayList<>();
            ByteBuffer buf = RingBuffer.allocateBatchBuffer(1 << 16);
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (kinds.size() < 3 && System.nanoTime() < deadline) {
                ring.poll(buf, 50, (b, off, len) -> {
                    assertEquals(len, Short.toUnsignedInt(b.getShort(off + RecordReader.SIZE)), "header.size");
                    kinds.add(RecordReader.kindCode(b, off));
                });
            }
            assertTrue(kinds.size() >= 3, "exec records seen: " + kinds);
            assertTrue(kinds.stream().allMatch(k -> k == EventKind.EXEC.code()), kinds.toString());
            long[] c = o.perCpuSums(KernelCounters.MAP);
            assertTrue(c[KernelCounters.EMITTED] >= 3, "kernel emitted counter " + c[KernelCounters.EMITTED]);
        }
    }

    @Test
    void verifierRejectionComesBackWithTheVerifierLog() throws Exception {
        byte[] elf;
        try (var in = getClass().getResourceAsStream("/bpf-test/rejected.bpf.o")) {
            elf = in.readAllBytes();
        }
        try (BpfObject o = BpfObject.open("rejected", elf)) {
            BpfException e = assertThrows(BpfException.class, o::load);
            assertTrue(e.log().contains("map_value_or_null"), "verifier's reason in the log: " + e.log());
            assertTrue(e.getMessage().contains("rejected"), "program named: " + e.getMessage());
            assertTrue(e.errno() > 0);
        }
    }

    @Test
    void kernelRefusalOfAMapComesBackWithLibbpfLog() throws Exception {
        try (BpfObject o = BpfObject.open("exec", TestObjects.bytes("exec"))) {
            o.setMaxEntries("exec_stash", 0);   // a hash map of no entries: the kernel refuses it
            BpfException e = assertThrows(BpfException.class, o::load);
            assertTrue(e.log().contains("exec_stash"), "libbpf log names the map: " + e.log());
        }
    }

    @Test
    void unknownReadOnlyVariableIsRejected() throws Exception {
        try (BpfObject o = BpfObject.open("exec", TestObjects.bytes("exec"))) {
            BpfException e = assertThrows(BpfException.class, () -> o.setReadOnly("no_such_var", 1));
            assertTrue(e.getMessage().contains("no_such_var"), e.getMessage());
        }
    }

    @Test
    void garbageIsNotAnObject() {
        BpfException e = assertThrows(BpfException.class,
                () -> BpfObject.open("junk", "not an ELF file".getBytes()).close());
        assertTrue(e.getMessage().startsWith("open BPF object"), e.getMessage());
    }

    @Test
    void loadAttachAndCloseFiveTimesLeavesNoProgramsOrMapsBehind() throws Exception {
        // counted as this JVM's BPF fds, not the kernel's programs: other engineers' tests load and
        // unload their own objects on this machine at the same time (see Harness.ownBpfFds)
        int fds = Harness.ownBpfFds();
        for (String probe : new String[] {"exec", "open"}) {
            for (int i = 0; i < 5; i++) {
                try (BpfObject o = BpfObject.open(probe, TestObjects.bytes(probe))) {
                    o.load();
                    o.attachAll();
                    o.ringBuffer("events");
                    assertTrue(Harness.ownBpfFds() > fds, "programs and maps are held while open");
                }
                int left = Harness.ownBpfFds();
                assertEquals(fds, left, probe + " round " + i + ": " + left + " BPF fds held, " + fds + " before");
            }
        }
    }
}
