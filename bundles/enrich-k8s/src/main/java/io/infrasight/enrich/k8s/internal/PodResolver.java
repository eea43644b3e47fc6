package io.infrasight.enrich.k8s.internal;

import io.infrasight.api.enrich.ContextMemo;
import io.infrasight.api.event.Context;
import io.infrasight.api.event.ContextKeys;
import io.infrasight.api.event.Event;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes pod of the container behind each event, without OSGi. Reads what the container
 * enricher (ranked before this one) left in the context: the pod UID from a kubepods cgroup path
 * and the runtime's io.kubernetes.* labels; the pods of this node from the API, when configured,
 * add names and pod labels. Values are cached per container and rebuilt when the inputs change.
 */
public final class PodResolver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PodResolver.class);
    static final String LABEL_POD_NAME = "io.kubernetes.pod.name";
    static final String LABEL_POD_NAMESPACE = "io.kubernetes.pod.namespace";
    static final String LABEL_POD_UID = "io.kubernetes.pod.uid";
    static final String LABEL_CONTAINER_NAME = "io.kubernetes.container.name";
    private static final int CACHE_MAX = 16384;

    private record Cached(Object labels, Object podUid, Map<String, PodDirectory.Pod> pods, Map<String, Object> values) {
    }

    private final PodDirectory directory;
    private final ContextMemo memo = new ContextMemo(4096);
    private final long refreshMillis;
    private volatile Map<String, PodDirectory.Pod> pods = Map.of();
    private final ConcurrentHashMap<String, Cached> byContainer = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder notInPod = new LongAdder();
    private final LongAdder apiFetches = new LongAdder();
    private final LongAdder apiUnknownPod = new LongAdder();
    private volatile boolean running;
    private Thread thread;

    /** @param directory null when the API is not configured (labels and cgroup paths only) */
    public PodResolver(PodDirectory directory, long refreshMillis) {
        this.directory = directory;
        this.refreshMillis = refreshMillis;
    }

    public synchronized void start() {
        if (directory == null || running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "infrasight-enrich-k8s-pods");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        while (running) {
            refresh();
            try {
                Thread.sleep(refreshMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One fetch of this node's pods; a failure keeps the last good list and is counted. */
    public void refresh() {
        try {
            pods = Map.copyOf(directory.fetch());
            apiFetches.increment();
        } catch (PodDirectory.FetchException e) {
            failures.computeIfAbsent(e.reason, k -> new LongAdder()).increment();
            LOG.debug("Fetching pods failed ({}): {}", e.reason, e.getMessage());
        }
    }

    public Event enrich(Event event) {
        Context ctx = event.header().context();
        Object id = ctx.get(ContextKeys.CONTAINER_ID);
        Object labels = ctx.get(ContextKeys.CONTAINER_LABELS);
        Object podUid = ctx.get(ContextKeys.K8S_POD_UID);
        if (!(id instanceof String cid) || ContextKeys.HOST.equals(cid) || (labels == null && podUid == null)) {
            notInPod.increment();
            return event;
        }
        Map<String, PodDirectory.Pod> p = pods;
        Cached c = byContainer.get(cid);
        if (c != null && c.labels() == labels && c.pods() == p && java.util.Objects.equals(c.podUid(), podUid)) {
            hits.increment();
        } else {
            misses.increment();
            c = new Cached(labels, podUid, p, build(labels, podUid, p));
            if (byContainer.size() >= CACHE_MAX) {
                byContainer.clear();
            }
            byContainer.put(cid, c);
        }
        return c.values().isEmpty() ? event : event.withContext(memo.with(ctx, c.values()));
    }

    private Map<String, Object> build(Object labels, Object podUid, Map<String, PodDirectory.Pod> p) {
        LinkedHashMap<String, Object> v = new LinkedHashMap<>(8);
        Map<?, ?> l = labels instanceof Map<?, ?> m ? m : Map.of();
        String uid = podUid instanceof String s ? s : l.get(LABEL_POD_UID) instanceof String s2 ? s2 : null;
        String name = l.get(LABEL_POD_NAME) instanceof String s ? s : null;
        String ns = l.get(LABEL_POD_NAMESPACE) instanceof String s ? s : null;
        PodDirectory.Pod pod = uid == null ? null : p.get(uid);
        if (pod != null) {
            name = pod.name() != null ? pod.name() : name;
            ns = pod.namespace() != null ? pod.namespace() : ns;
        } else if (uid != null && directory != null) {
            apiUnknownPod.increment(); // a pod newer than the last fetch, or on another node's list
        }
        put(v, ContextKeys.K8S_POD_NAME, name);
        put(v, ContextKeys.K8S_NS_NAME, ns);
        put(v, ContextKeys.K8S_POD_UID, uid);
        if (pod != null && !pod.labels().isEmpty()) {
            v.put(ContextKeys.K8S_POD_LABELS, pod.labels());
        }
        put(v, ContextKeys.K8S_CONTAINER_NAME, l.get(LABEL_CONTAINER_NAME) instanceof String s ? s : null);
        return Collections.unmodifiableMap(v);
    }

    private static void put(Map<String, Object> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    public Map<String, Long> counters() {
        LinkedHashMap<String, Long> c = new LinkedHashMap<>();
        c.put("container_cache_size", (long) byContainer.size());
        c.put("container_cache_capacity", (long) CACHE_MAX);
        c.put("pods_size", (long) pods.size());
        c.put("hits", hits.sum());
        c.put("misses", misses.sum());
        c.put("not_in_pod", notInPod.sum());
        c.put("api_fetches", apiFetches.sum());
        c.put("api_unknown_pod", apiUnknownPod.sum());
        failures.forEach((k, v) -> c.put("failed_" + k, v.sum()));
        return c;
    }
}
