package io.infrasight.store.common;

import io.infrasight.api.event.EventKind;
import java.util.List;
import java.util.Set;

/**
 * One logical table: a family of event kinds sharing a payload shape, or the alerts. Column order
 * is the order of the values in a row.
 */
public record Table(String name, List<Column> columns, Set<EventKind> kinds) {
    public Table {
        columns = List.copyOf(columns);
        kinds = Set.copyOf(kinds);
    }

    public int index(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name + " has no column " + column);
    }

    public String columnList() {
        StringBuilder sb = new StringBuilder();
        for (Column c : columns) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(c.name());
        }
        return sb.toString();
    }
}
