package io.infrasight.api.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What enrichers learned about an event: user names, container, pod, ancestry. Immutable; values
 * are strings, numbers, booleans, or lists and maps of those. Keys are dotted lower-case names
 * such as {@code user.name} or {@code container.id}.
 */
public final class Context {
    public static final Context EMPTY = new Context(Map.of());

    private final Map<String, Object> values;

    private Context(Map<String, Object> values) {
        this.values = values;
    }

    public Object get(String key) {
        return values.get(key);
    }

    public String getString(String key) {
        Object v = values.get(key);
        return v == null ? null : v.toString();
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Read-only view in insertion order. */
    public Map<String, Object> asMap() {
        return values;
    }

    public Context with(String key, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        LinkedHashMap<String, Object> m = new LinkedHashMap<>(values);
        m.put(key, value);
        return new Context(Collections.unmodifiableMap(m));
    }

    public Context with(Map<String, ?> more) {
        if (more.isEmpty()) {
            return this;
        }
        LinkedHashMap<String, Object> m = new LinkedHashMap<>(values);
        more.forEach((k, v) -> m.put(Objects.requireNonNull(k), Objects.requireNonNull(v)));
        return new Context(Collections.unmodifiableMap(m));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Context c && c.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
