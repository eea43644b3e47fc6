package io.infrasight.ml.internal;

import io.infrasight.api.event.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums one probe harvest of one node's per-process interval quantities per container and for the
 * host. One aggregator per node: nodes' probes tick at their own phases and clocks.
 * <ul>
 * <li>A container's sum is over one container instance (its id): three replicas of an image are
 * three vectors, each scored by the image's model, never one vector that grows with the replica
 * count.</li>
 * <li>The probes report every process at the same timer tick, so a window opens with the first
 * full-interval vector of a harvest and takes vectors up to half the probe's interval later, by
 * the events' own time: a detector that lags behind its queue (a fork storm's burst) still sums
 * each harvest separately. A window also closes when nothing has arrived for half an interval
 * ({@link #closeIfDue}), so the last one is not held back.</li>
 * <li>The probe's interval is learned as the longest record interval seen (no record covers more
 * than one tick: a process's first and last ones cover less), taken afresh every few intervals so
 * that a reconfigured probe is followed; configuration needs no second place. Not a median: in a
 * fork storm nearly every record is a short-lived process's only one.</li>
 * <li>A process's first and last records cover part of an interval and arrive at any time (an
 * exit): they join the open window, or wait for the next one, but never open one. Otherwise
 * every short-lived process would cut the harvest into fragments with jumping rates.</li>
 * <li>Rates of a window are over the probe's interval, not its members' partial ones.</li>
 * </ul>
 */
public final class Aggregator {
    /** The sum over the processes of one container (or the host) in one window. */
    public static final class Sum {
        /** The container instance summed (its id), or {@link #HOST}. */
        public final String instance;
        /** The key of the models for it: the container's image (else its id), or {@link #HOST}. */
        public final String container;
        public final Map<String, Double> raw = new HashMap<>();
        public int processes;
        public double seconds;
        public Event last;
        /** The pids whose vectors this window sums (for evaluation and explanations). */
        public final List<Integer> pids = new ArrayList<>();

        Sum(String instance, String container) {
            this.instance = instance;
            this.container = container;
        }

        void add(Map<String, Double> r, Event e) {
            r.forEach((k, v) -> raw.merge(k, v, Double::sum));
            processes++;
            last = e;
            pids.add(e.header().pid());
        }
    }

    public static final String HOST = "host";
    /** The interval estimate is taken afresh after this many intervals. */
    private static final int RELEARN_INTERVALS = 8;
    /** Partial records waiting for a window, at most this many (then they open one themselves). */
    private static final int MAX_PENDING = 10_000;

    private record Pending(String instance, String container, Map<String, Double> raw, Event event) {
    }

    /** By container instance. */
    private final Map<String, Sum> containers = new HashMap<>();
    private Sum host = new Sum(HOST, HOST);
    private final List<Pending> pending = new ArrayList<>();
    private double interval = -1;
    private double longestSince;
    private long sinceMono = -1;
    /** Event time of the record that opened the window; -1: none open. */
    private long openedTime = -1;
    private long lastAddMono;

    /**
     * Adds a process's vector of container {@code instance} (its id, or {@link #HOST}) whose models are
     * keyed {@code container}; returns the windows it closed first (empty most of the time).
     */
    public List<Sum> add(String instance, String container, Map<String, Double> raw, double seconds, Event e,
            long nowMono) {
        learnInterval(seconds, nowMono);
        lastAddMono = nowMono;
        long t = e.header().timeNanos();
        boolean full = seconds >= 0.75 * interval;
        List<Sum> closed = List.of();
        if (openedTime >= 0 && t - openedTime >= (long) (interval * 0.5e9)) {
            closed = close();   // this record belongs to a later harvest
        }
        if (openedTime < 0) {
            if (!full && pending.size() < MAX_PENDING) {
                pending.add(new Pending(instance, container, raw, e));
                return closed;
            }
            openedTime = t;
            for (Pending p : pending) {
                put(p.instance(), p.container(), p.raw(), p.event());
            }
            pending.clear();
        }
        put(instance, container, raw, e);
        return closed;
    }

    private void put(String instance, String container, Map<String, Double> raw, Event e) {
        if (!HOST.equals(instance)) {
            containers.computeIfAbsent(instance, i -> new Sum(i, container)).add(raw, e);
        }
        host.add(raw, e);
    }

    private void learnInterval(double seconds, long nowMono) {
        if (interval < 0 || seconds > interval) {
            interval = seconds;
        }
        if (sinceMono < 0) {
            sinceMono = nowMono;
        }
        longestSince = Math.max(longestSince, seconds);
        if (nowMono - sinceMono > (long) (RELEARN_INTERVALS * interval * 1e9)) {
            interval = longestSince;
            longestSince = 0;
            sinceMono = nowMono;
        }
    }

    /** The probe's interval as learned from recent vectors, in seconds (-1 before the first). */
    public double interval() {
        return interval;
    }

    /** True when nothing is open or pending and nothing arrived for {@code intervals} intervals: a node gone. */
    public boolean forgettable(long nowMono, int intervals) {
        return openedTime < 0 && pending.isEmpty() && nowMono - lastAddMono > (long) (intervals * Math.max(interval, 1) * 1e9);
    }

    /** Closes the open window once nothing has arrived for half an interval (the harvest is over). */
    public List<Sum> closeIfDue(long nowMono) {
        if (openedTime < 0 || nowMono - lastAddMono < (long) (interval * 0.5e9)) {
            return List.of();
        }
        return close();
    }

    private List<Sum> close() {
        List<Sum> out = new ArrayList<>(containers.values());
        out.add(host);
        for (Sum s : out) {
            s.seconds = interval;
        }
        containers.clear();
        host = new Sum(HOST, HOST);
        openedTime = -1;
        return out;
    }
}
