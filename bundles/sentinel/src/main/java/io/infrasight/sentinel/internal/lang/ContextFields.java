package io.infrasight.sentinel.internal.lang;

import io.infrasight.api.event.Event;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Reads enrichment keys defensively: enrichers are separate bundles, so any key may be missing or odd. */
final class ContextFields {
    private ContextFields() {
    }

    static String string(Event e, String key) {
        Object v = e.header().context().get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof Collection<?> c) {
            List<String> parts = new ArrayList<>();
            c.forEach(x -> parts.add(name(x)));
            return String.join(" ", parts);
        }
        return v.toString();
    }

    /** A list value; a scalar becomes a one-element list; maps in the list (ancestry entries) give their "comm". */
    static List<String> list(Event e, String key) {
        return list(e.header().context().get(key), "comm");
    }

    static List<String> list(Object v, String mapKey) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof Collection<?> c) {
            List<String> out = new ArrayList<>(c.size());
            for (Object x : c) {
                String s = x instanceof Map<?, ?> m ? str(m.get(mapKey)) : name(x);
                if (s != null) {
                    out.add(s);
                }
            }
            return out;
        }
        return List.of(v.toString());
    }

    /** Ancestry entries may be maps ({pid, comm, exe}) or plain names. */
    private static String name(Object x) {
        if (x instanceof Map<?, ?> m) {
            Object c = m.get("comm");
            return c == null ? String.valueOf(m) : c.toString();
        }
        return String.valueOf(x);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
