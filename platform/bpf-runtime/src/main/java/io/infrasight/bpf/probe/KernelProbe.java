package io.infrasight.bpf.probe;

import io.infrasight.api.spi.EventPublisher;
import io.infrasight.api.spi.EventSource;
import io.infrasight.api.spi.SourceState;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.bpf.BpfException;
import io.infrasight.bpf.BpfObject;
import io.infrasight.bpf.ProbeRunner;
import io.infrasight.bpf.ProbeSettings;
import java.util.List;
import java.util.Map;

/**
 * An event source over one BPF object, the lifecycle the exec and open probes spelled out, once:
 * configuration problems reported under {@code <pid>#component} at construction and withdrawn on
 * {@link #close}; the object loaded on the runner's thread when the bus starts the source; DISABLED
 * when {@code enabled=false}. A probe bundle's DS component extends it, passes its decoder, and calls
 * {@link #close} from its {@code @Deactivate} method.
 */
public abstract class KernelProbe implements EventSource {
    private final String id;
    private final String problemsKey;
    private final ProbeSettings settings;
    private final ConfigProblems problems;
    private final ProbeRunner runner;
    private final OptionalSyscalls optional;

    /**
     * @param id       source id ({@code probe.<name>})
     * @param pid      configuration PID; problems are reported as {@code <pid>#component}
     * @param object   the .bpf.o resource in the subclass's bundle
     * @param extra    probe-specific configuration beyond the task filters, or null
     */
    protected KernelProbe(String id, String pid, ProbeSettings settings, ConfigProblems problems, String object,
            ProbeRunner.Configurer extra, ProbeRunner.Decoder decoder) {
        this(id, pid, settings, problems, object, extra, decoder, null);
    }

    /** @param optional syscalls traced only where the kernel has them, or null */
    protected KernelProbe(String id, String pid, ProbeSettings settings, ConfigProblems problems, String object,
            ProbeRunner.Configurer extra, ProbeRunner.Decoder decoder, OptionalSyscalls optional) {
        this.id = id;
        this.optional = optional;
        this.problemsKey = pid + "#component";
        this.settings = settings;
        this.problems = problems;
        problems.report(problemsKey, settings.problems());
        this.runner = new ProbeRunner(settings.runnerSettings(id, getClass(), object), new ProbeRunner.Configurer() {
            @Override
            public void beforeLoad(BpfObject o) throws BpfException {
                settings.taskFilters().beforeLoad(o);
                if (optional != null) {
                    optional.beforeLoad(o);
                }
                if (extra != null) {
                    extra.beforeLoad(o);
                }
            }

            @Override
            public void afterLoad(BpfObject o) throws BpfException {
                settings.taskFilters().afterLoad(o);
                if (extra != null) {
                    extra.afterLoad(o);
                }
            }
        }, decoder);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public void start(EventPublisher publisher) {
        if (settings.enabled()) {
            runner.start(publisher);
        }
    }

    @Override
    public void stop() {
        runner.stop();
    }

    /** Stops the probe and withdraws its configuration problems (a new activation reports its own). */
    protected void close() {
        runner.stop();
        problems.report(problemsKey, List.of());
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = settings.withConfigProblems(runner.counters());
        if (optional != null) {
            m.put("syscalls_missing", (long) optional.missing().size());
        }
        return m;
    }

    @Override
    public SourceState state() {
        return settings.enabled() ? runner.state() : new SourceState(SourceState.DISABLED, "enabled=false");
    }
}
