package io.infrasight.store.common;

/**
 * One column. {@code lowCardinality} marks strings with few distinct values (kind, node, comm),
 * which ClickHouse stores dictionary-encoded when the server supports it.
 */
public record Column(String name, ColType type, boolean lowCardinality) {
    public static Column of(String name, ColType type) {
        return new Column(name, type, false);
    }

    public static Column low(String name) {
        return new Column(name, ColType.STRING, true);
    }
}
