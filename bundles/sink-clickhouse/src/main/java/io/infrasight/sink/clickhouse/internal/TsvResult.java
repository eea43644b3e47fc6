package io.infrasight.sink.clickhouse.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads TabSeparatedWithNamesAndTypes: the one typed text format every server line has (the
 * official clients' typed reads fail on 18.16). Integers become Longs (UInt64 beyond a long stays
 * a String), floats Doubles, everything else (dates, arrays, strings) its text.
 */
final class TsvResult {
    private TsvResult() {
    }

    record Parsed(List<String> columns, List<List<Object>> rows) {
    }

    static Parsed parse(String body) {
        List<String> lines = splitLines(body);
        if (lines.size() < 2) {
            return new Parsed(List.of(), List.of());
        }
        List<String> names = unescaped(fields(lines.get(0)));
        List<String> types = unescaped(fields(lines.get(1)));
        List<List<Object>> rows = new ArrayList<>(lines.size() - 2);
        for (int i = 2; i < lines.size(); i++) {
            List<String> f = fields(lines.get(i));
            List<Object> row = new ArrayList<>(f.size());
            for (int j = 0; j < f.size(); j++) {
                String type = j < types.size() ? types.get(j) : "String";
                // arrays are written in their own quoted form, without a second TSV escaping
                row.add(convert(type, type.startsWith("Array(") ? f.get(j) : unescape(f.get(j))));
            }
            rows.add(row);
        }
        return new Parsed(names, rows);
    }

    static Object convert(String type, String text) {
        String t = type.startsWith("Nullable(") ? type.substring(9, type.length() - 1) : type;
        if (text.equals("\\N")) {
            return null;
        }
        try {
            if (t.matches("U?Int(8|16|32|64)")) {
                if (t.equals("UInt64")) {
                    long v = Long.parseUnsignedLong(text);
                    return v < 0 ? text : (Object) v;
                }
                return Long.parseLong(text);
            }
            if (t.startsWith("Float")) {
                return Double.parseDouble(text);
            }
        } catch (NumberFormatException e) {
            return text;
        }
        return text;
    }

    private static List<String> splitLines(String body) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            if (body.charAt(i) == '\n') {
                lines.add(body.substring(start, i));
                start = i + 1;
            }
        }
        if (start < body.length()) {
            lines.add(body.substring(start));
        }
        return lines;
    }

    /** Splits on tabs (a tab inside a value is always escaped), keeping the escapes. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '\t') {
                out.add(line.substring(start, i));
                start = i + 1;
            }
        }
        out.add(line.substring(start));
        return out;
    }

    private static List<String> unescaped(List<String> fields) {
        List<String> out = new ArrayList<>(fields.size());
        fields.forEach(f -> out.add(unescape(f)));
        return out;
    }

    /** Undoes TSV escaping (\t \n \\ \' and friends). */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        String line = field;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                char n = line.charAt(++i);
                switch (n) {
                    case 't' -> sb.append('\t');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case '0' -> sb.append('\0');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'N' -> sb.append("\\N");
                    default -> sb.append(n);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
