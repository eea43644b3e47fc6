package io.infrasight.probe.resource;

import io.infrasight.api.spi.EventSource;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.bpf.BpfException;
import io.infrasight.bpf.BpfObject;
import io.infrasight.bpf.ProbeRunner;
import io.infrasight.bpf.ProbeSettings;
import io.infrasight.bpf.probe.IntervalSettings;
import io.infrasight.bpf.probe.KernelProbe;
import java.util.function.Supplier;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The resource probe as an event source: one {@code ResourceEvent} per process and interval (START for
 * the first of a process born while the probe runs, RUNNING, and EXIT when its last thread exits).
 * Accounting and harvesting both happen in the kernel (bpf/resource.bpf.c); activation only reads
 * configuration, the object is loaded on the runner's thread when the bus starts the source
 * (lifecycle in {@link KernelProbe}).
 * In its counters {@code kernel_stash_miss} counts processes or threads not
 * accounted because their map was full.
 */
@Component(service = EventSource.class, configurationPid = ResourceProbeConfig.PID)
@Designate(ocd = ResourceProbeConfig.class)
public final class ResourceProbe extends KernelProbe {
    static final String PROBLEMS_KEY = ResourceProbeConfig.PID + "#component";
    static final String ID = "probe.resource";
    static final String OBJECT = "/bpf/resource.bpf.o";
    static final int DEFAULT_INTERVAL_S = 10;

    private final long intervalNs;

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
    ResourceProbe(ProbeSettings base, Supplier<Integer> intervalSeconds, ConfigProblems problems) {
        this(IntervalSettings.read(ResourceProbeConfig.PID, base, intervalSeconds, DEFAULT_INTERVAL_S), problems);
    }

    private ResourceProbe(IntervalSettings interval, ConfigProblems problems) {
        super(ID, ResourceProbeConfig.PID, interval.settings(), problems, OBJECT, configurer(interval), new ResourceDecoder());
        this.intervalNs = interval.intervalNs();
    }

    private static ProbeRunner.Configurer configurer(IntervalSettings interval) {
        return new ProbeRunner.Configurer() {
            @Override
            public void beforeLoad(BpfObject o) throws BpfException {
                interval.beforeLoad(o);
                // System.nanoTime() is CLOCK_MONOTONIC on Linux, the clock of task->start_time:
                // tasks started from now on are accounted from zero, older ones from first sight
                o.setReadOnly("cfg_start_ns", IntervalSettings.u64(System.nanoTime()));
            }

            @Override
            public void afterLoad(BpfObject o) throws BpfException {
                interval.afterLoad(o);
            }
        };
    }

    long intervalNs() {
        return intervalNs;
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
