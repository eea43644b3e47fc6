package io.infrasight.core.internal;

import io.infrasight.api.event.EventKind;
import java.util.ArrayList;
import java.util.List;

/** A set of event kinds as a bit mask over their ABI codes; ALL when no kinds were named. */
final class KindMask {
    static final int ALL = -1;

    private KindMask() {
    }

    /**
     * Parses a service property value: a String ("exec,open"), String[] or collection; null means all.
     *
     * @throws IllegalArgumentException naming the unknown kind
     */
    static int parse(Object property) {
        if (property == null) {
            return ALL;
        }
        List<String> raw = new ArrayList<>();
        if (property instanceof String[] arr) {
            raw.addAll(List.of(arr));
        } else if (property instanceof Iterable<?> it) {
            it.forEach(o -> raw.add(String.valueOf(o)));
        } else {
            raw.add(property.toString());
        }
        // Karaf .cfg files give "exec,open" as one string; accept commas everywhere.
        List<String> names = new ArrayList<>();
        for (String r : raw) {
            names.addAll(List.of(r.split(",")));
        }
        int mask = 0;
        for (String n : names) {
            if (n.isBlank()) {
                continue;
            }
            if (n.trim().equals("*")) {
                return ALL;
            }
            mask |= 1 << EventKind.parse(n).code();
        }
        return mask == 0 ? ALL : mask;
    }

    static boolean accepts(int mask, EventKind kind) {
        return (mask & (1 << kind.code())) != 0;
    }

    static List<String> names(int mask) {
        if (mask == ALL) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (EventKind k : EventKind.values()) {
            if (accepts(mask, k)) {
                out.add(k.id());
            }
        }
        return out;
    }
}
