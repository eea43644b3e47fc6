package io.infrasight.ops.internal.console;

import io.infrasight.api.json.JsonWriter;
import io.infrasight.api.status.StatusSection;
import java.util.List;

/** Capability sections as JSON for the page; a section that throws shows its error instead of breaking the page. */
public final class Sections {
    private Sections() {
    }

    public static String render(List<StatusSection> sections) {
        JsonWriter w = new JsonWriter();
        w.beginObject().name("sections").beginArray();
        for (StatusSection s : sections) {
            w.beginObject();
            try {
                w.field("id", s.id()).field("title", s.title()).field("columns", s.columns()).field("rows", s.rows());
            } catch (RuntimeException e) {
                w.field("error", e.toString());
            }
            w.endObject();
        }
        w.endArray().endObject();
        return w.buffer().toString();
    }
}
