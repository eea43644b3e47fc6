package io.infrasight.sentinel.internal.lang;

import io.infrasight.api.event.EventKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** An output template: text with {@code %field} (or {@code %{field}}) placeholders, resolved at load. */
public final class Template {
    private final String[] text;
    private final Field[] fields;

    private Template(String[] text, Field[] fields) {
        this.text = text;
        this.fields = fields;
    }

    public static Template compile(String src, Set<EventKind> kinds) throws CompileException {
        List<String> text = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int i = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c != '%' || i + 1 >= src.length()) {
                cur.append(c);
                i++;
                continue;
            }
            int start = i + 1;
            boolean braced = src.charAt(start) == '{';
            int j = braced ? start + 1 : start;
            while (j < src.length() && (Character.isLetterOrDigit(src.charAt(j)) || "._-".indexOf(src.charAt(j)) >= 0)) {
                j++;
            }
            String name = src.substring(braced ? start + 1 : start, j);
            // a trailing dot is punctuation, not part of the field name
            while (!braced && name.endsWith(".")) {
                name = name.substring(0, name.length() - 1);
                j--;
            }
            if (name.isEmpty()) {
                cur.append(c);
                i++;
                continue;
            }
            if (braced) {
                if (j >= src.length() || src.charAt(j) != '}') {
                    throw new CompileException("output: unterminated %{" + name);
                }
                j++;
            }
            Field f = Fields.get(name);
            if (f == null) {
                throw new CompileException("output: unknown field '%" + name + "'");
            }
            if (!f.availableFor(kinds)) {
                throw new CompileException("output: field '%" + name + "' does not exist for all of the rule's kinds");
            }
            text.add(cur.toString());
            cur.setLength(0);
            fields.add(f);
            i = j;
        }
        text.add(cur.toString());
        return new Template(text.toArray(String[]::new), fields.toArray(Field[]::new));
    }

    public String render(Frame frame) {
        StringBuilder sb = new StringBuilder(128);
        for (int i = 0; i < fields.length; i++) {
            sb.append(text[i]);
            String v = fields[i].render(frame);
            sb.append(v == null || v.isEmpty() ? "<NA>" : v);
        }
        return sb.append(text[fields.length]).toString();
    }
}
