package io.infrasight.core.internal;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.event.Event;
import io.infrasight.api.spi.AlertPublisher;
import io.infrasight.api.spi.AlertSink;
import io.infrasight.api.spi.Detector;
import io.infrasight.api.spi.Enricher;
import io.infrasight.api.spi.EventBus;
import io.infrasight.api.spi.EventPublisher;
import io.infrasight.api.spi.EventSource;
import io.infrasight.api.spi.EventSubscriber;
import io.infrasight.api.spi.SourceState;
import io.infrasight.api.status.BusStatus;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.EnricherStatus;
import io.infrasight.api.status.SourceStatus;
import io.infrasight.api.status.SubscriberStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bus without OSGi: sources publish, the enricher chain runs on the publishing thread, and every
 * subscriber, detector and alert sink has its own {@link Route}. Membership changes copy small
 * arrays under a lock; the publish path reads volatile arrays and never locks.
 */
public final class Bus implements EventBus, AlertPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(Bus.class);
    /** On close, the subscribers get at most this long (together) to take what is queued for them. */
    static final long CLOSE_DELIVER_MILLIS = 5_000;

    private final int defaultCapacity;
    private final long enricherBudgetNanos;
    private final long startMillis = System.currentTimeMillis();
    private final Object lock = new Object();
    /** Guarded by lock: sources added while holding wait in {@link #held} for {@link #open}. */
    private boolean holding;
    private final List<SourceHandle> held = new ArrayList<>();
    private volatile EnricherSlot[] chain = new EnricherSlot[0];
    private volatile Route<Event>[] eventRoutes = newRoutes(0);
    private volatile Route<Alert>[] alertRoutes = newRoutes(0);
    private final Map<Object, Route<?>> routesByService = new IdentityHashMap<>();
    private final Map<Object, SourceHandle> sources = new IdentityHashMap<>();
    private final Map<String, SourceHandle> namedPublishers = new ConcurrentHashMap<>();
    private final ThreadLocal<ArrayList<Event>> scratch = ThreadLocal.withInitial(() -> new ArrayList<>(1024));
    private final ScheduledExecutorService ticker;
    private volatile Supplier<List<ConfigProblem>> configProblems = List::of;

    public Bus(int defaultCapacity, long enricherBudgetNanos) {
        this.defaultCapacity = defaultCapacity;
        this.enricherBudgetNanos = enricherBudgetNanos;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "infrasight-bus-stats");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::sampleRates, 1, 1, TimeUnit.SECONDS);
    }

    @SuppressWarnings("unchecked")
    private static <T> Route<T>[] newRoutes(int n) {
        return (Route<T>[]) new Route<?>[n];
    }

    public void setConfigProblems(Supplier<List<ConfigProblem>> supplier) {
        this.configProblems = supplier;
    }

    // ---- publishing ----

    void dispatch(Event event) {
        Event e = event;
        for (EnricherSlot slot : chain) {
            slot.calls.increment();
            e = slot.apply(e);
        }
        for (Route<Event> r : eventRoutes) {
            if (KindMask.accepts(r.kindMask, e.kind())) {
                r.offer(e);
            }
        }
    }

    void dispatch(List<? extends Event> batch) {
        EnricherSlot[] c = chain;
        List<? extends Event> out = batch;
        ArrayList<Event> buf = null;
        if (c.length > 0) {
            buf = scratch.get();
            for (int i = 0, n = batch.size(); i < n; i++) {
                Event e = batch.get(i);
                for (EnricherSlot slot : c) {
                    e = slot.apply(e);
                }
                buf.add(e);
            }
            for (EnricherSlot slot : c) {
                slot.calls.add(batch.size());
            }
            out = buf;
        }
        try {
            int n = out.size();
            for (Route<Event> r : eventRoutes) {
                if (r.kindMask == KindMask.ALL) {
                    r.offerAll(out, 0, n);
                } else {
                    for (int i = 0; i < n; i++) {
                        Event e = out.get(i);
                        if (KindMask.accepts(r.kindMask, e.kind())) {
                            r.offer(e);
                        }
                    }
                }
            }
        } finally {
            if (buf != null) {
                buf.clear();
            }
        }
    }

    @Override
    public void publish(Alert alert) {
        for (Route<Alert> r : alertRoutes) {
            r.offer(alert);
        }
    }

    @Override
    public AlertPublisher alerts() {
        return this;
    }

    @Override
    public EventPublisher publisher(String sourceId) {
        return namedPublishers.computeIfAbsent(sourceId, id -> new SourceHandle(id, null, this));
    }

    // ---- membership ----

    /**
     * Sources added from now on are started only by {@link #open}: a bus component binds the services
     * already there in an order of its own (sources may come before subscribers), and a source that
     * published at once would publish to nobody.
     */
    public void holdSources() {
        synchronized (lock) {
            holding = true;
        }
    }

    /** Starts the sources held since {@link #holdSources}, in the order they came; later ones start at once. */
    public void open() {
        List<SourceHandle> toStart;
        synchronized (lock) {
            holding = false;
            toStart = new ArrayList<>(held);
            held.clear();
        }
        toStart.forEach(this::start);
    }

    public void addSource(EventSource source) {
        String id = safeId(source::id, source);
        SourceHandle handle = new SourceHandle(id, source, this);
        synchronized (lock) {
            sources.put(source, handle);
            if (holding) {
                held.add(handle);
                return;
            }
        }
        start(handle);
    }

    private void start(SourceHandle handle) {
        handle.started = true;   // stop() is owed from here on, even if start fails halfway
        try {
            handle.source.start(handle);
            LOG.info("Source {} started", handle.id);
        } catch (RuntimeException | LinkageError e) {
            handle.startError = e.toString();
            LOG.error("Source {} failed to start", handle.id, e);
        }
    }

    public void removeSource(EventSource source) {
        SourceHandle handle;
        synchronized (lock) {
            handle = sources.remove(source);
            if (handle != null) {
                held.remove(handle);
            }
        }
        if (handle == null) {
            return;
        }
        if (!handle.started) {
            LOG.info("Source {} removed before it started", handle.id);
            return;
        }
        try {
            source.stop();
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Source {} failed to stop cleanly", handle.id, e);
        }
        LOG.info("Source {} removed after {} events", handle.id, handle.published.sum());
    }

    public void addEnricher(Enricher enricher, int ranking, long serviceId, Object kinds) {
        EnricherSlot slot = new EnricherSlot(enricher, ranking, serviceId, kinds(safeId(enricher::id, enricher), kinds),
                enricherBudgetNanos);
        synchronized (lock) {
            EnricherSlot[] next = Arrays.copyOf(chain, chain.length + 1);
            next[next.length - 1] = slot;
            // Highest ranking first; on a tie the older service (lower id) first, as OSGi orders services.
            Arrays.sort(next, Comparator.comparingInt((EnricherSlot s) -> -s.ranking)
                    .thenComparingLong(s -> s.serviceId));
            chain = next;
        }
        LOG.info("Enricher {} added (ranking {})", slot.id, ranking);
    }

    public void removeEnricher(Enricher enricher) {
        synchronized (lock) {
            chain = Arrays.stream(chain).filter(s -> s.enricher != enricher).toArray(EnricherSlot[]::new);
        }
    }

    public void addSubscriber(EventSubscriber s, Object kinds, Object capacity) {
        String id = safeId(s::id, s);
        addEventRoute(s, new Route<>(id, "events", kinds(id, kinds), capacity(capacity), s::onEvents));
    }

    public void addDetector(Detector d, Object kinds, Object capacity) {
        String id = safeId(d::id, d);
        addEventRoute(d, new Route<>(id, "detector", kinds(id, kinds), capacity(capacity),
                batch -> d.inspect(batch, this)));
    }

    /** A bad kinds property must not cost the subscriber its events: it gets all kinds, and we say so. */
    private static int kinds(String id, Object property) {
        try {
            return KindMask.parse(property);
        } catch (IllegalArgumentException e) {
            LOG.error("Subscriber {}: bad {} property ({}); delivering all kinds", id, EventSubscriber.KINDS,
                    e.getMessage());
            return KindMask.ALL;
        }
    }

    public void addAlertSink(AlertSink s, Object capacity) {
        String id = safeId(s::id, s);
        Route<Alert> route = new Route<>(id, "alerts", KindMask.ALL, capacity(capacity), s::onAlerts);
        route.start();
        synchronized (lock) {
            routesByService.put(s, route);
            Route<Alert>[] next = Arrays.copyOf(alertRoutes, alertRoutes.length + 1);
            next[next.length - 1] = route;
            alertRoutes = next;
        }
    }

    private void addEventRoute(Object service, Route<Event> route) {
        route.start();
        synchronized (lock) {
            routesByService.put(service, route);
            Route<Event>[] next = Arrays.copyOf(eventRoutes, eventRoutes.length + 1);
            next[next.length - 1] = route;
            eventRoutes = next;
        }
        LOG.info("Subscriber {} ({}) added", route.id, route.type);
    }

    /** Removes a subscriber, detector or alert sink; other routes are untouched. */
    @SuppressWarnings("unchecked")
    public void removeRoute(Object service) {
        removeRoute(service, 0);
    }

    private void removeRoute(Object service, long deliverMillis) {
        Route<?> route;
        synchronized (lock) {
            route = routesByService.remove(service);
            if (route == null) {
                return;
            }
            if (route.type.equals("alerts")) {
                alertRoutes = Arrays.stream(alertRoutes).filter(r -> r != route).toArray(Route[]::new);
            } else {
                eventRoutes = Arrays.stream(eventRoutes).filter(r -> r != route).toArray(Route[]::new);
            }
        }
        route.close(deliverMillis);
        LOG.info("Subscriber {} ({}) removed after {} delivered, dropped {}", route.id, route.type,
                route.delivered(), route.dropped());
    }

    private int capacity(Object property) {
        if (property == null) {
            return defaultCapacity;
        }
        try {
            int c = Integer.parseInt(property.toString().trim());
            return c > 0 ? c : defaultCapacity;
        } catch (NumberFormatException e) {
            LOG.warn("Ignoring bad queue capacity '{}'; using {}", property, defaultCapacity);
            return defaultCapacity;
        }
    }

    private static String safeId(Supplier<String> id, Object service) {
        try {
            String s = id.get();
            return s == null || s.isBlank() ? service.getClass().getName() : s;
        } catch (RuntimeException e) {
            return service.getClass().getName();
        }
    }

    // ---- status ----

    private void sampleRates() {
        long now = System.nanoTime();
        try {
            List<SourceHandle> handles;
            synchronized (lock) {
                handles = new ArrayList<>(sources.values());
            }
            handles.addAll(namedPublishers.values());
            for (SourceHandle h : handles) {
                h.rate.sample(h.published.sum(), now);
            }
            for (Route<Event> r : eventRoutes) {
                r.rate.sample(r.delivered(), now);
            }
            for (Route<Alert> r : alertRoutes) {
                r.rate.sample(r.delivered(), now);
            }
        } catch (RuntimeException e) {
            LOG.warn("Rate sampling failed", e);
        }
    }

    public BusStatus status() {
        List<SourceHandle> handles;
        synchronized (lock) {
            handles = new ArrayList<>(sources.values());
        }
        handles.addAll(namedPublishers.values());
        List<SourceStatus> src = new ArrayList<>();
        long total = 0;
        for (SourceHandle h : handles) {
            long published = h.published.sum();
            total += published;
            SourceState st = SourceState.running();
            Map<String, Long> counters = Map.of();
            if (h.source != null) {
                try {
                    st = h.startError != null ? SourceState.failed(h.startError) : h.source.state();
                    counters = h.source.counters();
                } catch (RuntimeException e) {
                    st = SourceState.failed("state unavailable: " + e);
                }
            }
            src.add(new SourceStatus(h.id, st.state(), st.reason(), published, h.rate.rate(), counters));
        }
        src.sort(Comparator.comparing(SourceStatus::id));
        List<EnricherStatus> enr = new ArrayList<>();
        for (EnricherSlot s : chain) {
            enr.add(new EnricherStatus(s.id, s.ranking, s.calls.sum(), s.errors.sum(),
                    s.slow.sum(), s.avgNanos()));
        }
        List<SubscriberStatus> subs = new ArrayList<>();
        for (Route<Event> r : eventRoutes) {
            subs.add(subscriberStatus(r));
        }
        for (Route<Alert> r : alertRoutes) {
            subs.add(subscriberStatus(r));
        }
        long now = System.currentTimeMillis();
        return new BusStatus(now, now - startMillis, total, src, enr, subs, configProblems.get());
    }

    private static SubscriberStatus subscriberStatus(Route<?> r) {
        return new SubscriberStatus(r.id, r.type, KindMask.names(r.kindMask), r.capacity(), r.depth(), r.delivered(),
                r.rate.rate(), r.dropped(), r.failures());
    }

    public void close() {
        ticker.shutdownNow();
        List<Object> services;
        List<EventSource> srcs;
        synchronized (lock) {
            services = new ArrayList<>(routesByService.keySet());
            srcs = new ArrayList<>();
            for (Object o : sources.keySet()) {
                srcs.add((EventSource) o);
            }
        }
        srcs.forEach(this::removeSource);
        // the subscribers are still there (a new configuration or a shutdown): they get what is queued
        // for them; every worker drains meanwhile, so one deadline bounds the whole close
        long deadline = System.nanoTime() + CLOSE_DELIVER_MILLIS * 1_000_000L;
        services.forEach(s -> removeRoute(s, Math.max(1, (deadline - System.nanoTime()) / 1_000_000L)));
    }
}
