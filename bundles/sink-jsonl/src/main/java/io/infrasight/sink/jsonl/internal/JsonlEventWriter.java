package io.infrasight.sink.jsonl.internal;

import io.infrasight.api.event.Event;
import io.infrasight.api.json.EventJson;
import io.infrasight.api.spi.EventSubscriber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Events to JSON lines. A failed write throws, so the bus counts the batch as dropped. */
final class JsonlEventWriter implements EventSubscriber {
    private final RotatingFile file;
    private final EventJson json = new EventJson();
    private final StringBuilder buf = new StringBuilder(1 << 16);

    JsonlEventWriter(RotatingFile file) {
        this.file = file;
    }

    @Override
    public String id() {
        return "sink-jsonl-events";
    }

    @Override
    public void onEvents(List<Event> batch) {
        buf.setLength(0);
        try {
            for (Event e : batch) {
                json.append(buf, e);
                buf.append('\n');
                if (buf.length() > (1 << 20)) {
                    file.append(buf);
                    buf.setLength(0);
                }
            }
            file.append(buf);
        } catch (IOException e) {
            throw new UncheckedIOException("writing events.jsonl failed", e);
        }
    }
}
