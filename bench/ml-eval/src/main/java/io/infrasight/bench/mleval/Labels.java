package io.infrasight.bench.mleval;

import io.infrasight.api.event.ContextKeys;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which cgroup is which container and which processes belong to an injected anomaly: the ground truth
 * for process vectors.
 *
 * <p>It also stands in for enrich-container: the harness's groups are not named like any runtime's, so
 * the real enricher would call them "host". {@link #enrich} puts {@code container.id} (and
 * {@code container.image}, {@code container.name}) into the context of events from the harness's groups,
 * and {@code container.id = host} into every other event, exactly the keys the engine reads.
 */
final class Labels {
    /** A cgroup of the harness: its container and, for an injection's group, the anomaly. */
    record Group(String container, String image, String anomaly) {
    }

    /** What a process was: its container's image and the anomaly it belongs to (null: normal). */
    record Proc(String image, String anomaly) {
    }

    private final Map<Long, Group> groups = new ConcurrentHashMap<>();
    private final Map<String, String> containerByImage = new ConcurrentHashMap<>();
    /** Written by the feeding thread, read by engine callbacks (possibly other threads). */
    private final Map<Integer, Proc> procs = new ConcurrentHashMap<>();

    void register(long cgroupId, Group g) {
        groups.put(cgroupId, g);
        containerByImage.put(g.image(), g.container());
    }

    /** The event with the container keys in its context; remembers what its process is. */
    Event enrich(Event e) {
        EventHeader h = e.header();
        Group g = groups.get(h.cgroupId());
        if (g == null) {
            // a fork storm runs through tens of thousands of pids: a host process may get one of them later
            procs.remove(h.pid());
            return e.withHeader(h.withContext(h.context().with(ContextKeys.CONTAINER_ID, ContextKeys.HOST)));
        }
        procs.put(h.pid(), new Proc(g.image(), g.anomaly()));
        return e.withHeader(h.withContext(h.context().with(Map.of(ContextKeys.CONTAINER_ID, "eval-" + g.container(),
                ContextKeys.CONTAINER_NAME, g.container(), ContextKeys.CONTAINER_IMAGE, g.image()))));
    }

    /** The harness's group the event's process was in when the probe last took its header, or null. */
    Group group(Event e) {
        return groups.get(e.header().cgroupId());
    }

    /** The process's label, or null when it is not one of the harness's (host processes are not counted). */
    Proc process(int pid) {
        return procs.get(pid);
    }

    /** True for the container keys (images) of the harness's containers. */
    boolean ours(String containerKey) {
        return containerByImage.containsKey(containerKey);
    }
}
