package io.infrasight.ops.internal.live;

import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventKind;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The filters every live view offers, from request-style parameters: kind (repeatable or
 * comma-separated), process (command name substring or exact pid), container (id or name substring).
 */
public final class EventQuery {
    private EventQuery() {
    }

    /** @throws IllegalArgumentException for an unknown kind or a malformed number */
    public static Predicate<Event> parse(Function<String, String[]> params) {
        int mask = 0;
        String[] kinds = params.apply("kind");
        if (kinds != null) {
            for (String k : kinds) {
                for (String part : k.split(",")) {
                    if (!part.isBlank()) {
                        mask |= 1 << EventKind.parse(part).code();
                    }
                }
            }
        }
        int kindMask = mask;
        String comm = first(params, "comm");
        String process = first(params, "process");
        int pid = first(params, "pid") == null ? 0 : Integer.parseInt(first(params, "pid").trim());
        String container = first(params, "container");
        return e -> (kindMask == 0 || (kindMask & (1 << e.kind().code())) != 0)
                && (comm == null || e.header().comm().contains(comm))
                && (pid == 0 || e.header().pid() == pid)
                && (process == null || matchesProcess(e, process))
                && (container == null || matchesContainer(e, container));
    }

    static String first(Function<String, String[]> params, String name) {
        String[] v = params.apply(name);
        return v == null || v.length == 0 || v[0].isBlank() ? null : v[0].trim();
    }

    private static boolean matchesProcess(Event e, String process) {
        return e.header().comm().contains(process) || Integer.toString(e.header().pid()).equals(process);
    }

    private static boolean matchesContainer(Event e, String container) {
        for (String key : new String[] {"container.id", "container.name"}) {
            String v = e.header().context().getString(key);
            if (v != null && v.contains(container)) {
                return true;
            }
        }
        return false;
    }
}
