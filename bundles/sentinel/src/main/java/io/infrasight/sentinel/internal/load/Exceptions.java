package io.infrasight.sentinel.internal.load;

import io.infrasight.sentinel.internal.lang.CompileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Falco-style rule exceptions, turned into condition text that the normal compiler checks:
 * <pre>
 * exceptions:
 *   - name: known_writers
 *     fields: [proc.name, open.path]
 *     comps: [=, startswith]          # optional, default "=" ("in" for a single field)
 *     values:
 *       - [dpkg, /etc/]
 * </pre>
 * A rule fires only when none of its exception tuples matches.
 */
final class Exceptions {
    private Exceptions() {
    }

    static String toCondition(List<Object> exceptions) throws CompileException {
        List<String> alternatives = new ArrayList<>();
        for (Object o : exceptions) {
            if (!(o instanceof Map<?, ?> ex)) {
                throw new CompileException("exceptions: each entry is a mapping with name, fields, values");
            }
            String name = String.valueOf(ex.get("name"));
            Object fieldsV = ex.get("fields");
            Object valuesV = ex.get("values");
            if (fieldsV == null) {
                throw new CompileException("exception '" + name + "': fields is missing");
            }
            if (valuesV == null) {
                continue;   // a tuning hook left empty for users to append to
            }
            if (!(valuesV instanceof List<?> values)) {
                throw new CompileException("exception '" + name + "': values must be a list");
            }
            if (fieldsV instanceof String field) {
                String comp = ex.get("comps") == null ? "in" : String.valueOf(ex.get("comps"));
                if (!values.isEmpty()) {
                    alternatives.add(field + " " + comp + " " + value(values, comp));
                }
                continue;
            }
            List<String> fields = PackCompiler.strings(fieldsV, "exception '" + name + "': fields");
            List<String> comps = ex.get("comps") == null ? null
                    : PackCompiler.strings(ex.get("comps"), "exception '" + name + "': comps");
            if (comps != null && comps.size() != fields.size()) {
                throw new CompileException("exception '" + name + "': comps and fields differ in length");
            }
            for (Object tuple : values) {
                if (!(tuple instanceof List<?> t) || t.size() != fields.size()) {
                    throw new CompileException("exception '" + name + "': each value must be a list of "
                            + fields.size() + " values, one per field");
                }
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < fields.size(); i++) {
                    String comp = comps == null ? "=" : comps.get(i);
                    parts.add(fields.get(i) + " " + comp + " " + value(t.get(i), comp));
                }
                alternatives.add("(" + String.join(" and ", parts) + ")");
            }
        }
        return String.join(" or ", alternatives);
    }

    private static String value(Object v, String comp) throws CompileException {
        boolean listOp = comp.equals("in") || comp.equals("pmatch") || comp.equals("intersects");
        if (v instanceof List<?> l) {
            if (!listOp) {
                throw new CompileException("exception value " + l + " is a list but the comparison is '" + comp + "'");
            }
            List<String> q = new ArrayList<>();
            for (Object x : l) {
                q.add(quote(String.valueOf(x)));
            }
            return "(" + String.join(", ", q) + ")";
        }
        return listOp ? "(" + quote(String.valueOf(v)) + ")" : quote(String.valueOf(v));
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
