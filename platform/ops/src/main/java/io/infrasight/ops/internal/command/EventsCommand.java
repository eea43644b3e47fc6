package io.infrasight.ops.internal.command;

import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.json.EventJson;
import io.infrasight.ops.internal.live.EventLine;
import io.infrasight.ops.internal.live.RecentEvents;
import io.infrasight.ops.internal.live.KindRings;
import java.util.List;
import java.util.function.Predicate;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "infrasight", name = "events",
        description = "Shows recent events, optionally filtered, and follows new ones with -f (Ctrl-C stops).")
@Service
public class EventsCommand implements Action {

    @Reference
    private RecentEvents recent;

    @Option(name = "-k", aliases = "--kind", description = "Only these kinds (exec, open, ...)", multiValued = true)
    @Completion(KindCompleter.class)
    private List<String> kinds;

    @Option(name = "-c", aliases = "--comm", description = "Only processes whose command name contains this")
    private String comm;

    @Option(name = "-p", aliases = "--pid", description = "Only this process id")
    private int pid;

    @Option(name = "-n", aliases = "--count", description = "How many recent events to show first")
    private int count = 20;

    @Option(name = "-f", aliases = "--follow", description = "Keep printing new events")
    private boolean follow;

    @Option(name = "-j", aliases = "--json", description = "Print events as JSON lines")
    private boolean json;

    @Override
    public Object execute() throws Exception {
        Predicate<Event> filter = filter();
        KindRings ring = recent.ring();
        EventLine line = new EventLine();
        EventJson jsonWriter = new EventJson();
        long seen = ring.next();
        for (Event e : ring.since(0, filter, count)) {
            System.out.println(json ? jsonWriter.toJson(e) : line.format(e));
        }
        while (follow && !Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException stop) {
                break;
            }
            long now = ring.next();
            for (Event e : ring.since(seen, filter, Integer.MAX_VALUE)) {
                System.out.println(json ? jsonWriter.toJson(e) : line.format(e));
            }
            seen = now;
        }
        return null;
    }

    private Predicate<Event> filter() {
        int mask = 0;
        if (kinds != null) {
            for (String k : kinds) {
                for (String part : k.split(",")) {
                    mask |= 1 << EventKind.parse(part).code();
                }
            }
        }
        int kindMask = mask;
        return e -> (kindMask == 0 || (kindMask & (1 << e.kind().code())) != 0)
                && (comm == null || e.header().comm().contains(comm))
                && (pid == 0 || e.header().pid() == pid);
    }
}
