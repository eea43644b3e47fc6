package io.infrasight.probe.syscalls;

import io.infrasight.api.spi.EventSource;
import io.infrasight.api.status.ConfigProblems;
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
 * The syscall frequency probe as an event source: one {@code SyscallFrequencyEvent} per process that
 * made syscalls in an interval, and a last one when the process exits. Counting and harvesting both
 * happen in the kernel (bpf/syscalls.bpf.c); activation only reads configuration, the object is loaded
 * on the runner's thread when the bus starts the source (lifecycle in {@link KernelProbe}).
 * In its counters {@code kernel_stash_miss} counts processes not counted
 * because the process map was full, and {@code kernel_read_errors} syscalls with an id outside
 * the x86-64 table (x32 ABI).
 */
@Component(service = EventSource.class, configurationPid = SyscallsProbeConfig.PID)
@Designate(ocd = SyscallsProbeConfig.class)
public final class SyscallsProbe extends KernelProbe {
    static final String PROBLEMS_KEY = SyscallsProbeConfig.PID + "#component";
    static final String ID = "probe.syscalls";
    static final String OBJECT = "/bpf/syscalls.bpf.o";
    static final int DEFAULT_INTERVAL_S = 10;

    private final long intervalNs;

    @Activate
    public SyscallsProbe(SyscallsProbeConfig config, @Reference ConfigProblems problems) {
        this(ProbeSettings.of(SyscallsProbeConfig.PID, config.enabled(), config.ringBufferKib(),
                config.excludeOwnProcess(), config.excludedComms(), config.excludedUids(), new String[0]),
                config::intervalSeconds, problems);
    }

    /**
     * @param intervalSeconds read defensively: a bad value is reported and the default used
     * @param problems        where rejected configuration values are reported (under "&lt;pid&gt;#component")
     */
    SyscallsProbe(ProbeSettings base, Supplier<Integer> intervalSeconds, ConfigProblems problems) {
        this(IntervalSettings.read(SyscallsProbeConfig.PID, base, intervalSeconds, DEFAULT_INTERVAL_S), problems);
    }

    private SyscallsProbe(IntervalSettings interval, ConfigProblems problems) {
        super(ID, SyscallsProbeConfig.PID, interval.settings(), problems, OBJECT, interval, new SyscallFrequencyDecoder());
        this.intervalNs = interval.intervalNs();
    }

    long intervalNs() {
        return intervalNs;
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
