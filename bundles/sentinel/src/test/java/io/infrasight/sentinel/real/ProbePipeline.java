package io.infrasight.sentinel.real;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.alert.AlertGate;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.ExecEvent;
import io.infrasight.api.spi.AlertPublisher;
import io.infrasight.api.spi.EventPublisher;
import io.infrasight.api.spi.EventSource;
import io.infrasight.api.spi.SourceState;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.probe.exec.ExecProbe;
import io.infrasight.probe.exec.ExecProbeConfig;
import io.infrasight.probe.open.OpenProbe;
import io.infrasight.probe.open.OpenProbeConfig;
import io.infrasight.sentinel.internal.engine.Sentinel;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/**
 * The real exec and open probes feeding Sentinel with the default pack, outside OSGi: what the bus
 * does in the distribution, minus the queues. A stand-in for the process-tree enricher attaches
 * {@code proc.pname} to exec events from /proc (the real enricher is another bundle).
 */
final class ProbePipeline implements EventPublisher, AlertPublisher, AutoCloseable {
    final Sentinel sentinel = new Sentinel(new AlertGate<>(0, 0, 10_000), System::nanoTime,
            () -> System.currentTimeMillis() * 1_000_000L);
    final ConcurrentLinkedQueue<Alert> alerts = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Event> seen = new ConcurrentLinkedQueue<>();
    private final Predicate<Event> keep;
    private final List<EventSource> probes = new ArrayList<>();
    private final List<io.infrasight.api.spi.Enricher> enrichers;

    static final ConfigProblems NO_PROBLEMS = new ConfigProblems() {
        @Override
        public void report(String pid, List<ConfigProblem> problems) {
            if (!problems.isEmpty()) {
                throw new AssertionError("probe configuration rejected: " + problems);
            }
        }

        @Override
        public List<ConfigProblem> list() {
            return List.of();
        }
    };

    /** @param keep events remembered for awaiting (the machine's other activity is evaluated, not kept) */
    ProbePipeline(Predicate<Event> keep, String... openPrefixes) throws Exception {
        this(keep, List.of(new ExecProbe(execConfig(), NO_PROBLEMS), new OpenProbe(openConfig(openPrefixes),
                NO_PROBLEMS)));
    }

    ProbePipeline(Predicate<Event> keep, List<EventSource> sources) throws Exception {
        this(keep, sources, List.of());
    }

    /** @param enrichers real enricher components, run in order before the stand-in parent-name one */
    ProbePipeline(Predicate<Event> keep, List<EventSource> sources, List<io.infrasight.api.spi.Enricher> enrichers)
            throws Exception {
        this.keep = keep;
        this.enrichers = enrichers;
        try (var files = Files.list(Path.of(System.getProperty("sentinel.defaultPack",
                "../rules-default/src/main/resources/rules")))) {
            for (Path p : files.sorted().toList()) {
                sentinel.putSource("bundle", "rules-default!/" + p.getFileName(), Files.readString(p));
            }
        }
        if (!sentinel.recompile().isEmpty()) {
            throw new AssertionError("default pack problems: " + sentinel.problems());
        }
        probes.addAll(sources);
        for (EventSource s : probes) {
            s.start(this);
        }
        long deadline = System.currentTimeMillis() + 10_000;
        for (EventSource s : probes) {
            while (s.state().state() != SourceState.RUNNING) {
                if (s.state().state() == SourceState.FAILED || System.currentTimeMillis() > deadline) {
                    throw new AssertionError(s.id() + " did not start: " + s.state().reason());
                }
                Thread.sleep(10);
            }
        }
    }

    @Override
    public void publish(Event event) {
        publish(List.of(event));
    }

    @Override
    public void publish(List<? extends Event> batch) {
        List<Event> enriched = new ArrayList<>(batch.size());
        for (Event e : batch) {
            Event x = e;
            for (io.infrasight.api.spi.Enricher en : enrichers) {
                x = en.enrich(x);
            }
            enriched.add(withParentName(x));
        }
        sentinel.inspect(enriched, this);
        // remembered only after evaluation: an event that is "seen" has been through the rules
        for (Event e : enriched) {
            if (keep.test(e)) {
                seen.add(e);
            }
        }
    }

    /**
     * Configuration for a probe component: its metatype defaults, with some values overridden. The
     * probes' configs are annotation types, so a proxy answers with each method's default.
     */
    @SuppressWarnings("unchecked")
    static <A extends Annotation> A config(Class<A> type, java.util.Map<String, Object> overrides) {
        return (A) java.lang.reflect.Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, m, args) -> switch (m.getName()) {
                    case "annotationType" -> type;
                    case "toString" -> type.getSimpleName() + overrides;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> overrides.containsKey(m.getName()) ? overrides.get(m.getName()) : m.getDefaultValue();
                });
    }

    private static Event withParentName(Event e) {
        try {
            String comm = Files.readString(Path.of("/proc/" + e.header().ppid() + "/comm")).strip();
            return e.withContext(e.header().context().with("proc.pname", comm));
        } catch (IOException | RuntimeException gone) {
            return e;   // the parent exited: the real enricher would use its lingering cache
        }
    }

    @Override
    public void publish(Alert alert) {
        alerts.add(alert);
    }

    Optional<Alert> awaitAlert(String rule, Predicate<Event> on, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        do {
            for (Alert a : alerts) {
                if (a.ruleId().equals(rule) && on.test(a.event())) {
                    return Optional.of(a);
                }
            }
            Thread.sleep(20);
        } while (System.currentTimeMillis() < deadline);
        return Optional.empty();
    }

    Optional<Event> awaitEvent(Predicate<Event> match, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        do {
            for (Event e : seen) {
                if (match.test(e)) {
                    return Optional.of(e);
                }
            }
            Thread.sleep(20);
        } while (System.currentTimeMillis() < deadline);
        return Optional.empty();
    }

    List<String> rulesFiredOn(Predicate<Event> on) {
        return alerts.stream().filter(a -> on.test(a.event())).map(Alert::ruleId).toList();
    }

    String counters() {
        StringBuilder sb = new StringBuilder();
        probes.forEach(p -> sb.append(p.id()).append(p.counters()).append(' '));
        return sb.append(sentinel.counters()).toString();
    }

    @Override
    public void close() {
        probes.forEach(EventSource::stop);
    }

    static ExecProbeConfig execConfig() {
        return new ExecProbeConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return ExecProbeConfig.class;
            }

            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public int ringBufferKib() {
                return 8192;   // twice the default: other jobs on this machine run exec and open storms
            }

            @Override
            public boolean excludeOwnProcess() {
                return true;
            }

            @Override
            public String[] excludedComms() {
                return new String[0];
            }

            @Override
            public int[] excludedUids() {
                return new int[0];
            }
        };
    }

    static OpenProbeConfig openConfig(String[] prefixes) {
        return new OpenProbeConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return OpenProbeConfig.class;
            }

            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public int ringBufferKib() {
                return 16384;   // twice the default, for the same reason
            }

            @Override
            public boolean excludeOwnProcess() {
                return true;
            }

            @Override
            public String[] excludedComms() {
                return new String[0];
            }

            @Override
            public int[] excludedUids() {
                return new int[0];
            }

            @Override
            public String[] pathPrefixes() {
                return prefixes;
            }
        };
    }
}
