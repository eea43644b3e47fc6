package io.infrasight.source.kafka.internal;

import io.infrasight.api.event.Event;
import io.infrasight.api.json.EventJsonReader;
import io.infrasight.api.json.EventJsonReader.InvalidEventException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A record's value to an event and its id, or the reason it is not one. Stateless. */
final class RecordDecoder {
    static final String EMPTY = "empty";
    static final String OVERSIZED = "oversized";
    static final String NOT_UTF8 = "not_utf8";
    static final String MISSING_ID = "missing_id";

    /** The outcome: an event with its id, or a reason and a detail for the dead letter topic. */
    record Result(Event event, String id, String reason, String detail) {
        boolean ok() {
            return event != null;
        }
    }

    private final EventJsonReader reader = new EventJsonReader();
    private final int maxBytes;

    RecordDecoder(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    Result decode(byte[] value) {
        if (value == null || value.length == 0) {
            return new Result(null, null, EMPTY, "no value");
        }
        if (value.length > maxBytes) {
            return new Result(null, null, OVERSIZED, value.length + " bytes > " + maxBytes);
        }
        String text;
        try {
            // strict decoding: a record cut in the middle of a character is malformed, not repaired
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return new Result(null, null, NOT_UTF8, e.toString());
        }
        try {
            Map<String, Object> m = reader.parseObject(text);
            Event e = reader.toEvent(m);
            Object id = m.get("id");
            if (!(id instanceof String s) || s.isEmpty()) {
                return new Result(null, null, MISSING_ID, "no envelope id");
            }
            return new Result(e, s, null, null);
        } catch (InvalidEventException e) {
            return new Result(null, null, e.reason(), e.getMessage());
        }
    }
}
