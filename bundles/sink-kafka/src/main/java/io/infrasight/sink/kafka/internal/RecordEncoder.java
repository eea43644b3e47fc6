package io.infrasight.sink.kafka.internal;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.json.AlertJson;
import io.infrasight.api.json.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * Event and alert to record. The value is the EventJson form with an {@code "id"} appended as the
 * last field: {@code <run>-<seq>}, where run is random per sink start, so ids are unique across
 * nodes and restarts and stay the same when a spooled record is sent again. The key is
 * {@code node:tgid}, so all events of one process land in one partition, in order.
 * One instance per thread (the JSON writers are not thread-safe).
 */
final class RecordEncoder {
    private final EventJson eventJson = new EventJson();
    private final AlertJson alertJson = new AlertJson();
    private final StringBuilder sb = new StringBuilder(1024);
    private final Map<EventKind, String> topics = new EnumMap<>(EventKind.class);
    private final String alertsTopic;
    private final String runId;
    private final String defaultNode;

    RecordEncoder(String prefix, String runId, String defaultNode) {
        for (EventKind k : EventKind.values()) {
            topics.put(k, prefix + ".events." + k.id());
        }
        this.alertsTopic = prefix + ".alerts";
        this.runId = runId;
        this.defaultNode = defaultNode;
    }

    OutRecord encode(Event e, long seq) {
        sb.setLength(0);
        eventJson.append(sb, e);
        appendId(seq);
        EventHeader h = e.header();
        String node = h.node().isEmpty() ? defaultNode : h.node();
        byte[] key = (node + ':' + h.pid()).getBytes(StandardCharsets.UTF_8);
        return new OutRecord(seq, topics.get(h.kind()), key, bytes());
    }

    OutRecord encode(Alert a, long seq) {
        sb.setLength(0);
        sb.append(alertJson.toJson(a));
        Event e = a.event();
        String node = e == null || e.header().node().isEmpty() ? defaultNode : e.header().node();
        byte[] key = (e == null ? node : node + ':' + e.header().pid()).getBytes(StandardCharsets.UTF_8);
        return new OutRecord(seq, alertsTopic, key, bytes());
    }

    private void appendId(long seq) {
        // EventJson ends with '}': reopen the object and add the envelope id as its last field
        sb.setLength(sb.length() - 1);
        sb.append(",\"id\":\"").append(runId).append('-').append(seq).append("\"}");
    }

    private byte[] bytes() {
        // most of the JSON is ASCII; this avoids a CharBuffer round trip per record
        int n = sb.length();
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            char c = sb.charAt(i);
            if (c >= 0x80) {
                return sb.toString().getBytes(StandardCharsets.UTF_8);
            }
            out[i] = (byte) c;
        }
        return out;
    }
}
