package io.infrasight.api.json;

import java.util.Collection;
import java.util.Map;

/**
 * A small, allocation-light JSON writer over a {@link StringBuilder}. It tracks commas itself so
 * callers write fields in order. Not thread-safe; make one per thread and {@link #reset} it.
 */
public final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder sb;
    private boolean needComma;

    public JsonWriter(StringBuilder sb) {
        this.sb = sb;
    }

    public JsonWriter() {
        this(new StringBuilder(512));
    }

    public StringBuilder buffer() {
        return sb;
    }

    public JsonWriter reset() {
        sb.setLength(0);
        needComma = false;
        return this;
    }

    public JsonWriter beginObject() {
        comma();
        sb.append('{');
        needComma = false;
        return this;
    }

    public JsonWriter endObject() {
        sb.append('}');
        needComma = true;
        return this;
    }

    public JsonWriter beginArray() {
        comma();
        sb.append('[');
        needComma = false;
        return this;
    }

    public JsonWriter endArray() {
        sb.append(']');
        needComma = true;
        return this;
    }

    public JsonWriter name(String name) {
        comma();
        quote(name);
        sb.append(':');
        needComma = false;
        return this;
    }

    public JsonWriter value(String s) {
        comma();
        if (s == null) {
            sb.append("null");
        } else {
            quote(s);
        }
        needComma = true;
        return this;
    }

    public JsonWriter value(long v) {
        comma();
        sb.append(v);
        needComma = true;
        return this;
    }

    public JsonWriter value(double v) {
        comma();
        if (Double.isFinite(v)) {
            sb.append(v);
        } else {
            sb.append("null");
        }
        needComma = true;
        return this;
    }

    public JsonWriter value(boolean v) {
        comma();
        sb.append(v);
        needComma = true;
        return this;
    }

    /** Writes strings, numbers, booleans, maps and collections; anything else as its string form. */
    public JsonWriter value(Object v) {
        if (v == null) {
            return value((String) null);
        } else if (v instanceof String s) {
            return value(s);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return value(((Number) v).longValue());
        } else if (v instanceof Number n) {
            return value(n.doubleValue());
        } else if (v instanceof Boolean b) {
            return value(b.booleanValue());
        } else if (v instanceof Map<?, ?> m) {
            beginObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                name(String.valueOf(e.getKey())).value(e.getValue());
            }
            return endObject();
        } else if (v instanceof Collection<?> c) {
            beginArray();
            for (Object o : c) {
                value(o);
            }
            return endArray();
        }
        return value(v.toString());
    }

    public JsonWriter field(String name, String v) {
        return name(name).value(v);
    }

    public JsonWriter field(String name, long v) {
        return name(name).value(v);
    }

    public JsonWriter field(String name, double v) {
        return name(name).value(v);
    }

    public JsonWriter field(String name, boolean v) {
        return name(name).value(v);
    }

    public JsonWriter field(String name, Object v) {
        return name(name).value(v);
    }

    private void comma() {
        if (needComma) {
            sb.append(',');
        }
    }

    private void quote(String s) {
        sb.append('"');
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF])
                                .append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
