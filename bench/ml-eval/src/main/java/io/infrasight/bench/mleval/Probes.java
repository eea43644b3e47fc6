package io.infrasight.bench.mleval;

import io.infrasight.api.event.Event;
import io.infrasight.api.spi.EventPublisher;
import io.infrasight.api.spi.EventSource;
import io.infrasight.api.spi.SourceState;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.probe.resource.ResourceProbe;
import io.infrasight.probe.resource.ResourceProbeConfig;
import io.infrasight.probe.syscalls.SyscallsProbe;
import io.infrasight.probe.syscalls.SyscallsProbeConfig;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real resource and syscall-frequency probes at a 1-second interval, built through their public
 * DS constructors (the configuration annotation implemented by a proxy), publishing into one bounded
 * queue that the harness drains. A full queue drops and counts, as the bus would.
 */
final class Probes implements EventPublisher, AutoCloseable {
    private static final int CAPACITY = 1 << 18;

    private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final List<ConfigProblem> problems = new CopyOnWriteArrayList<>();
    private final List<EventSource> sources = new ArrayList<>();

    /** Starts both probes and waits (bounded) until they run; throws with the probe's reason if not. */
    void start(int intervalSeconds) throws InterruptedException {
        ConfigProblems sink = new ConfigProblems() {
            @Override
            public void report(String pid, List<ConfigProblem> list) {
                problems.addAll(list);
            }

            @Override
            public List<ConfigProblem> list() {
                return List.copyOf(problems);
            }
        };
        // 16 MiB: a fork storm makes thousands of short processes per interval, each a record
        Map<String, Object> cfg = Map.of("intervalSeconds", intervalSeconds, "ringBufferKib", 16384);
        sources.add(new ResourceProbe(config(ResourceProbeConfig.class, cfg), sink));
        sources.add(new SyscallsProbe(config(SyscallsProbeConfig.class, cfg), sink));
        for (EventSource s : sources) {
            s.start(this);
        }
        long deadline = System.currentTimeMillis() + 15_000;
        for (EventSource s : sources) {
            while (s.state().state() != SourceState.RUNNING) {
                if (s.state().state() == SourceState.FAILED || System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(s.id() + " is " + s.state().state() + ": " + s.state().reason());
                }
                Thread.sleep(20);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("probe configuration rejected: " + problems);
        }
    }

    @Override
    public void publish(Event event) {
        if (!queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    @Override
    public void publish(List<? extends Event> batch) {
        for (Event e : batch) {
            publish(e);
        }
    }

    /** Moves what has arrived into {@code into}. */
    int drainTo(List<Event> into) {
        return queue.drainTo(into);
    }

    long dropped() {
        return dropped.get();
    }

    /** Kernel-side and runner counters of both probes (drops, stash misses), for the report. */
    Map<String, Map<String, Long>> counters() {
        Map<String, Map<String, Long>> m = new java.util.TreeMap<>();
        for (EventSource s : sources) {
            m.put(s.id(), s.counters());
        }
        return m;
    }

    @Override
    public void close() {
        for (EventSource s : sources) {
            s.stop();
        }
    }

    @SuppressWarnings("unchecked")
    static <A extends Annotation> A config(Class<A> type, Map<String, Object> overrides) {
        return (A) java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, m, args) -> switch (m.getName()) {
                    case "annotationType" -> type;
                    case "toString" -> type.getSimpleName() + overrides;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> overrides.containsKey(m.getName()) ? overrides.get(m.getName()) : m.getDefaultValue();
                });
    }
}
