package io.infrasight.sink.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    @TempDir
    Path dir;

    private static OutRecord rec(long seq) {
        return new OutRecord(seq, "infrasight.events.exec", ("n:" + seq % 7).getBytes(StandardCharsets.UTF_8),
                ("{\"v\":" + seq + ",\"pad\":\"" + "x".repeat(200) + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static List<Long> readAll(Spool s) throws IOException {
        List<Long> seqs = new ArrayList<>();
        for (OutRecord r = s.next(); r != null; r = s.next()) {
            seqs.add(r.seq());
        }
        return seqs;
    }

    @Test
    void recordsComeBackInOrderAcrossSegmentsWithTheirBytes() throws IOException {
        try (Spool s = new Spool(dir, 10 << 20, 16 << 10)) {
            for (long i = 0; i < 1000; i++) {
                assertTrue(s.append(rec(i)));
            }
            assertTrue(s.segmentsForTest().size() > 5, "several segments");
            OutRecord first = s.next();
            assertEquals(0, first.seq());
            assertArrayEquals(rec(0).value(), first.value());
            assertArrayEquals(rec(0).key(), first.key());
            assertEquals(rec(0).topic(), first.topic());
            List<Long> rest = readAll(s);
            assertEquals(999, rest.size());
            for (int i = 0; i < rest.size(); i++) {
                assertEquals(i + 1, rest.get(i));
            }
        }
    }

    @Test
    void aFullSpoolRefusesAndCommitFreesSpace() throws IOException {
        try (Spool s = new Spool(dir, 64 << 10, 8 << 10)) {
            int accepted = 0;
            while (s.append(rec(accepted))) {
                accepted++;
            }
            assertTrue(accepted > 100 && accepted < 400, "bounded: " + accepted);
            assertTrue(s.bytes() <= 64 << 10);
            for (int i = 0; i < accepted / 2; i++) {
                s.next();
            }
            long[] at = s.position();
            s.commit(at[0], at[1], accepted / 2);
            assertTrue(s.append(rec(accepted)), "space came back");
            assertFalse(s.drained());
            List<Long> rest = readAll(s);
            assertEquals(accepted - accepted / 2 + 1, rest.size());
            assertEquals(accepted / 2, rest.get(0));
            assertEquals(accepted, rest.get(rest.size() - 1));
            at = s.position();
            s.commit(at[0], at[1], rest.size());
            assertTrue(s.drained());
        }
    }

    @Test
    void rewindReadsAgainFromTheCommitPoint() throws IOException {
        try (Spool s = new Spool(dir, 10 << 20, 4 << 10)) {
            for (long i = 0; i < 100; i++) {
                s.append(rec(i));
            }
            for (int i = 0; i < 10; i++) {
                s.next();
            }
            long[] at = s.position();
            s.commit(at[0], at[1], 10);
            for (int i = 0; i < 30; i++) {
                s.next();
            }
            s.rewind();
            assertEquals(10, s.next().seq());
        }
    }

    @Test
    void prependedRecordsAreReadBeforeEverythingAppended() throws IOException {
        try (Spool s = new Spool(dir, 10 << 20, 4 << 10)) {
            for (long i = 100; i < 150; i++) {
                s.append(rec(i));
            }
            List<OutRecord> older = new ArrayList<>();
            for (long i = 0; i < 100; i++) {
                older.add(rec(i));
            }
            s.prepend(older);
            List<Long> all = readAll(s);
            assertEquals(150, all.size());
            for (int i = 0; i < 150; i++) {
                assertEquals(i, all.get(i));
            }
        }
    }

    @Test
    void whatWasSpooledBeforeAStopIsReadAfterTheNextStartAndATornTailIsSkipped() throws IOException {
        try (Spool s = new Spool(dir, 10 << 20, 1 << 20)) {
            for (long i = 0; i < 50; i++) {
                s.append(rec(i));
            }
        }
        Path seg;
        try (Stream<Path> files = Files.list(dir)) {
            seg = files.filter(p -> p.toString().endsWith(".spool")).findFirst().orElseThrow();
        }
        // a crash in the middle of a write leaves half a record
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 20);
        }
        try (Spool s = new Spool(dir, 10 << 20, 1 << 20)) {
            assertFalse(s.drained());
            s.append(rec(50));
            List<Long> all = readAll(s);
            assertEquals(50, all.size(), "49 intact, the torn one skipped, the new one read");
            assertEquals(48, all.get(48));
            assertEquals(50, all.get(49));
            assertEquals(1, s.corrupt());
            assertNull(s.next());
        }
    }
}
