package io.infrasight.api.query;

import java.util.List;
import java.util.Objects;

/**
 * The rows of a query. Values are Strings, Longs, Doubles, Booleans, or Lists of those; 64-bit
 * unsigned values that do not fit a long stay Strings. {@code elapsedNanos} is the wall time the
 * store took.
 */
public record QueryResult(List<String> columns, List<List<Object>> rows, long elapsedNanos) {
    public QueryResult {
        columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
        rows = Objects.requireNonNull(rows, "rows");
    }

    public int size() {
        return rows.size();
    }
}
