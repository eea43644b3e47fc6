package io.infrasight.query.ops.internal;

import io.infrasight.api.json.JsonWriter;
import io.infrasight.api.query.QueryResult;
import java.util.ArrayList;
import java.util.List;

/** A query result as an aligned text table (shell) or JSON (shell -j and HTTP). */
final class ResultText {
    private static final int MAX_CELL = 80;

    private ResultText() {
    }

    static String table(QueryResult r) {
        int n = r.columns().size();
        int[] width = new int[n];
        List<String[]> cells = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            width[i] = r.columns().get(i).length();
        }
        for (List<Object> row : r.rows()) {
            String[] c = new String[n];
            for (int i = 0; i < n; i++) {
                String s = String.valueOf(row.get(i)).replace('\n', ' ').replace('\t', ' ');
                c[i] = s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 1) + "…" : s;
                width[i] = Math.max(width[i], c[i].length());
            }
            cells.add(c);
        }
        StringBuilder sb = new StringBuilder();
        line(sb, r.columns().toArray(new String[0]), width);
        for (String[] c : cells) {
            line(sb, c, width);
        }
        sb.append(r.size()).append(r.size() == 1 ? " row" : " rows").append(" in ")
                .append(r.elapsedNanos() / 1_000_000).append(" ms\n");
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] width) {
        for (int i = 0; i < cells.length; i++) {
            sb.append(cells[i]);
            if (i + 1 < cells.length) {
                sb.append(" ".repeat(width[i] - cells[i].length() + 2));
            }
        }
        sb.append('\n');
    }

    static String json(QueryResult r) {
        JsonWriter w = new JsonWriter();
        w.beginObject();
        w.field("columns", r.columns());
        w.field("rows", r.rows());
        w.field("row_count", r.size());
        w.field("elapsed_ms", r.elapsedNanos() / 1_000_000);
        w.endObject();
        return w.buffer().toString();
    }

    static String error(String reason, String message) {
        JsonWriter w = new JsonWriter();
        w.beginObject().field("error", message).field("reason", reason).endObject();
        return w.buffer().toString();
    }
}
