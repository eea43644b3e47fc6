package io.infrasight.source.synthetic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.json.EventJson;
import org.junit.jupiter.api.Test;

class EventFactoryTest {
    @Test
    void everyKindCanBeGeneratedAndRendered() {
        EventJson json = new EventJson();
        for (EventKind k : EventKind.values()) {
            Event e = EventFactory.create(k, 7, "n");
            assertEquals(k, e.kind());
            String s = json.toJson(e);
            assertEquals(true, s.contains("\"kind\":\"" + k.id() + "\""), s);
        }
    }
}
