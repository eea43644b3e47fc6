package io.infrasight.sink.jsonl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.OpenEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingFileTest {

    @Test
    void rotatesBySizeKeepingTheConfiguredNumberOfFilesAndLosingNoLine(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("events.jsonl");
        RotatingFile file = new RotatingFile(f, 4096, 2);
        JsonlEventWriter w = new JsonlEventWriter(file);
        List<Event> batch = new ArrayList<>();
        int total = 0;
        for (int round = 0; round < 5; round++) {
            batch.clear();
            for (int i = 0; i < 10; i++) {
                batch.add(new OpenEvent(EventHeader.of(EventKind.OPEN, total, 1, 1, 0, 0, "t"), "/f/" + total, 0, 0,
                        "openat"));
                total++;
            }
            w.onEvents(batch);
        }
        file.close();
        assertTrue(file.rotations() >= 2, "rotated " + file.rotations());
        assertTrue(Files.exists(dir.resolve("events.jsonl.1")));
        assertFalse(Files.exists(dir.resolve("events.jsonl.3")));
        assertTrue(Files.size(f) <= 4096);
        List<String> current = Files.readAllLines(f);
        assertTrue(current.get(current.size() - 1).contains("\"path\":\"/f/" + (total - 1) + "\""));
        for (String line : current) {
            assertTrue(line.startsWith("{\"schema\":1,") && line.endsWith("}"), line);
        }
        // With keep=2 the newest lines are all present across the current and kept files, in order.
        List<String> all = new ArrayList<>(Files.readAllLines(dir.resolve("events.jsonl.2")));
        all.addAll(Files.readAllLines(dir.resolve("events.jsonl.1")));
        all.addAll(current);
        int first = total - all.size();
        for (int i = 0; i < all.size(); i++) {
            assertTrue(all.get(i).contains("\"path\":\"/f/" + (first + i) + "\""), all.get(i));
        }
        assertEquals(total, first + all.size());
    }
}
