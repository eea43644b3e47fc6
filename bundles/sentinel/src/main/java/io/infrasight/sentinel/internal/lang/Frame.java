package io.infrasight.sentinel.internal.lang;

import io.infrasight.api.event.Event;
import io.infrasight.api.event.ExecEvent;
import java.util.ArrayList;
import java.util.List;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rule;

/**
 * The one fact a condition sees: the event under evaluation, plus values derived from it that
 * several rules read (computed once per event, not once per rule). One frame per worker thread,
 * reused for every event of a batch, so evaluation allocates nothing per event.
 */
public final class Frame extends Facts {
    public static final String EVENT = "event";

    private Event event;
    private String cmdline;
    private String args;
    private final ArrayList<Rule> matched = new ArrayList<>();

    public void reset(Event e) {
        event = e;
        matched.clear();
        cmdline = null;
        args = null;
    }

    /** Rules whose condition held for this event, in evaluation order (filled by their execute()). */
    public List<Rule> matched() {
        return matched;
    }

    public Event event() {
        return event;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(String name) {
        return EVENT.equals(name) ? (T) event : super.get(name);
    }

    /** argv joined by spaces (exec), or the enrichment's proc.cmdline for other kinds. */
    String cmdline() {
        if (cmdline == null) {
            if (event instanceof ExecEvent x) {
                cmdline = String.join(" ", x.argv());
            } else {
                cmdline = ContextFields.string(event, "proc.cmdline");
                cmdline = cmdline == null ? "" : cmdline;
            }
        }
        return cmdline;
    }

    /** Arguments without argv[0], joined by spaces. */
    String args() {
        if (args == null) {
            List<String> argv = argv();
            args = argv.size() <= 1 ? "" : String.join(" ", argv.subList(1, argv.size()));
        }
        return args;
    }

    List<String> argv() {
        return event instanceof ExecEvent x ? x.argv() : ContextFields.list(event, "proc.argv");
    }
}
