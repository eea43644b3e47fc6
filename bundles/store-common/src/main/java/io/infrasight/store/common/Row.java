package io.infrasight.store.common;

import io.infrasight.api.event.Event;

/**
 * Values for one row of {@code table}, in its column order (types as in {@link ColType}), and the
 * event it came from (null for alerts), so that the event can be acknowledged once stored.
 */
public record Row(Table table, Object[] values, Event event) {
}
