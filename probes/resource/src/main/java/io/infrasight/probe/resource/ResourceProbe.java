package io.infrasight.probe.resource;

import io.infrasight.api.spi.EventPublisher;
import io.infrasight.api.spi.EventSource;
import io.infrasight.api.spi.SourceState;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.api.status.ConfigValues;
import io.infrasight.bpf.BpfException;
import io.infrasight.bpf.BpfObject;
import io.infrasight.bpf.ProbeRunner;
import io.infrasight.bpf.ProbeSettings;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The resource probe as an event source: one {@code ResourceEvent} per process and interval (START for
 * the first of a process born while the probe runs, RUNNING, and EXIT when its last thread exits).
 * Accounting and harvesting both happen in the kernel (bpf/resource.bpf.c); activation only reads
 * configuration, the object is loaded on the runner's thread when the bus starts the source.
 */
@Component(service = EventSource.class, configurationPid = ResourceProbeConfig.PID)
@Designate(ocd = ResourceProbeConfig.class)
public final class ResourceProbe implements EventSource {
    static final String PROBLEMS_KEY = ResourceProbeConfig.PID + "#component";
    static final String ID = "probe.resource";
    static final String OBJECT = "/bpf/resource.bpf.o";
    static final int DEFAULT_INTERVAL_S = 10;

    private final ProbeSettings settings;
    private final long intervalNs;
    private final ConfigProblems problems;
    private final ProbeRunner runner;

    @Activate
    public ResourceProbe(ResourceProbeConfig config, @Reference ConfigProblems problems) {
        this(ProbeSettings.of(ResourceProbeConfig.PID, config.enabled(), config.ringBufferKib(),
                config.excludeOwnProcess(), config.excludedComms(), config.excludedUids(), new String[0]),
                config::intervalSeconds, problems);
    }

    /**
     * @param intervalSeconds read defensively: a bad value is reported and the default used
     * @param problems        where rejected configuration values are reported (under "&lt;pid&gt;#component")
     */
    ResourceProbe(ProbeSettings base, java.util.function.Supplier<Integer> intervalSeconds, ConfigProblems problems) {
        List<ConfigProblem> extra = new ArrayList<>();
        int seconds = ConfigValues.read(ResourceProbeConfig.PID, "intervalSeconds", intervalSeconds,
                v -> v >= 1 && v <= 3600, "must be 1 to 3600 seconds", DEFAULT_INTERVAL_S, extra);
        List<ConfigProblem> all = new ArrayList<>(base.problems());
        all.addAll(extra);
        this.settings = new ProbeSettings(base.enabled(), base.ringBufferBytes(), base.excludeSelf(),
                base.taskFilters(), base.pathPrefixes(), all);
        this.intervalNs = seconds * 1_000_000_000L;
        this.problems = problems;
        problems.report(PROBLEMS_KEY, settings.problems());
        this.runner = new ProbeRunner(settings.runnerSettings(ID, ResourceProbe.class, OBJECT),
                new ProbeRunner.Configurer() {
                    @Override
                    public void beforeLoad(BpfObject o) throws BpfException {
                        settings.taskFilters().beforeLoad(o);
                        o.setReadOnly("cfg_interval_ns", u64(intervalNs));
                        // System.nanoTime() is CLOCK_MONOTONIC on Linux, the clock of task->start_time:
                        // tasks started from now on are accounted from zero, older ones from first sight
                        o.setReadOnly("cfg_start_ns", u64(System.nanoTime()));
                    }

                    @Override
                    public void afterLoad(BpfObject o) throws BpfException {
                        settings.taskFilters().afterLoad(o);
                    }
                }, new ResourceDecoder());
    }

    static byte[] u64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(v).array();
    }

    long intervalNs() {
        return intervalNs;
    }

    @Override
    public String id() {
        return ID;
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

    @Deactivate
    void deactivate() {
        runner.stop();
        problems.report(PROBLEMS_KEY, List.of());
    }

    @Override
    public SourceState state() {
        return settings.enabled() ? runner.state() : new SourceState(SourceState.DISABLED, "enabled=false");
    }

    /**
     * The runner's counters; for this probe {@code kernel_stash_miss} counts processes or threads not
     * accounted because their map was full.
     */
    @Override
    public Map<String, Long> counters() {
        return settings.withConfigProblems(runner.counters());
    }
}
