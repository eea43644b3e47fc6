package io.infrasight.store.common;

/** Values for one row of {@code table}, in its column order (types as in {@link ColType}). */
public record Row(Table table, Object[] values) {
}
