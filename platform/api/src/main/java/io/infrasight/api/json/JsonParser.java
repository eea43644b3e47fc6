package io.infrasight.api.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Recursive descent over the text; depth-limited so hostile input cannot overflow the stack. */
final class JsonParser {
    private static final int MAX_DEPTH = 64;
    private final CharSequence s;
    private final int n;
    private int i;
    private int depth;

    JsonParser(CharSequence s) {
        this.s = s;
        this.n = s.length();
    }

    void end() {
        ws();
        if (i != n) {
            throw error("trailing characters");
        }
    }

    Object value() {
        ws();
        if (i >= n) {
            throw error("unexpected end");
        }
        char c = s.charAt(i);
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                return number();
        }
    }

    private Map<String, Object> object() {
        enter();
        i++;
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        ws();
        if (peek() == '}') {
            i++;
            depth--;
            return m;
        }
        while (true) {
            ws();
            if (peek() != '"') {
                throw error("expected a field name");
            }
            String k = string();
            ws();
            expect(':');
            m.put(k, value());
            ws();
            char c = next();
            if (c == '}') {
                depth--;
                return m;
            }
            if (c != ',') {
                throw error("expected , or }");
            }
        }
    }

    private List<Object> array() {
        enter();
        i++;
        List<Object> l = new ArrayList<>();
        ws();
        if (peek() == ']') {
            i++;
            depth--;
            return l;
        }
        while (true) {
            l.add(value());
            ws();
            char c = next();
            if (c == ']') {
                depth--;
                return l;
            }
            if (c != ',') {
                throw error("expected , or ]");
            }
        }
    }

    private String string() {
        i++;
        StringBuilder sb = null;
        int start = i;
        while (true) {
            if (i >= n) {
                throw error("unterminated string");
            }
            char c = s.charAt(i);
            if (c == '"') {
                String out = sb == null ? s.subSequence(start, i).toString()
                        : sb.append(s, start, i).toString();
                i++;
                return out;
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder();
                }
                sb.append(s, start, i);
                i++;
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        if (i + 4 > n) {
                            throw error("short \\u escape");
                        }
                        sb.append((char) Integer.parseInt(s.subSequence(i, i + 4).toString(), 16));
                        i += 4;
                    }
                    default -> throw error("bad escape");
                }
                start = i;
            } else if (c < 0x20) {
                throw error("control character in string");
            } else {
                i++;
            }
        }
    }

    private Object number() {
        int start = i;
        boolean fraction = false;
        while (i < n) {
            char c = s.charAt(i);
            if ((c >= '0' && c <= '9') || c == '-' || c == '+') {
                i++;
            } else if (c == '.' || c == 'e' || c == 'E') {
                fraction = true;
                i++;
            } else {
                break;
            }
        }
        if (start == i) {
            throw error("unexpected character '" + s.charAt(i) + "'");
        }
        String t = s.subSequence(start, i).toString();
        try {
            return fraction ? (Object) Double.parseDouble(t) : (Object) Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw error("bad number " + t);
        }
    }

    private void literal(String word) {
        if (i + word.length() > n || !s.subSequence(i, i + word.length()).toString().equals(word)) {
            throw error("bad literal");
        }
        i += word.length();
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nested too deeply");
        }
    }

    private void ws() {
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                i++;
            } else {
                break;
            }
        }
    }

    private char peek() {
        if (i >= n) {
            throw error("unexpected end");
        }
        return s.charAt(i);
    }

    private char next() {
        char c = peek();
        i++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at offset " + i);
    }
}
