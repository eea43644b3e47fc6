package io.infrasight.api.json;

import io.infrasight.api.alert.Alert;

/**
 * The JSON form of alerts: time, rule id, severity, message, tags, detector, details and the
 * triggering event in its {@link EventJson} form. Not thread-safe: one instance per thread.
 */
public final class AlertJson {
    private final IsoTime iso = new IsoTime();
    private final EventJson events = new EventJson();
    private final JsonWriter w = new JsonWriter();

    public String toJson(Alert a) {
        w.reset();
        write(w, a);
        return w.buffer().toString();
    }

    public void write(JsonWriter out, Alert a) {
        out.beginObject();
        out.field("schema", EventJson.SCHEMA_VERSION);
        out.field("id", a.id());
        out.field("time", iso.format(a.timeNanos()));
        out.field("rule", a.ruleId());
        out.field("severity", a.severity().name().toLowerCase(java.util.Locale.ROOT));
        out.field("message", a.message());
        out.field("tags", a.tags());
        out.field("detector", a.detector());
        if (!a.details().isEmpty()) {
            out.field("details", a.details());
        }
        if (a.event() != null) {
            out.name("event");
            events.write(out, a.event());
        }
        out.endObject();
    }
}
