package io.infrasight.probe.chmod;

import io.infrasight.api.spi.EventSource;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.bpf.ProbeSettings;
import io.infrasight.bpf.probe.KernelProbe;
import io.infrasight.bpf.probe.OptionalSyscalls;
import io.infrasight.bpf.probe.ProcPaths;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** The chmod probe as an event source (lifecycle in {@link KernelProbe}). */
@Component(service = EventSource.class, configurationPid = ChmodProbeConfig.PID)
@Designate(ocd = ChmodProbeConfig.class)
public final class ChmodProbe extends KernelProbe {
    static final String ID = "probe.chmod";
    static final String OBJECT = "/bpf/chmod.bpf.o";
    /** fchmodat2 is Linux 6.6+: elsewhere the probe runs without it */
    static final Map<String, List<String>> OPTIONAL = Map.of("fchmodat2",
            List.of("on_enter_fchmodat2", "on_exit_fchmodat2"));

    private final ProcPaths paths;

    @Activate
    public ChmodProbe(ChmodProbeConfig config, @Reference ConfigProblems problems) {
        this(ProbeSettings.of(ChmodProbeConfig.PID, config.enabled(), config.ringBufferKib(),
                config.excludeOwnProcess(), config.excludedComms(), config.excludedUids(), null), problems);
    }

    ChmodProbe(ProbeSettings settings, ConfigProblems problems) {
        this(settings, problems, new OptionalSyscalls(OPTIONAL));
    }

    ChmodProbe(ProbeSettings settings, ConfigProblems problems, OptionalSyscalls optional) {
        this(settings, problems, new ProcPaths(), optional);
    }

    private ChmodProbe(ProbeSettings settings, ConfigProblems problems, ProcPaths paths, OptionalSyscalls optional) {
        super(ID, ChmodProbeConfig.PID, settings, problems, OBJECT, null, new ChmodDecoder(paths), optional);
        this.paths = paths;
    }

    @Deactivate
    void deactivate() {
        close();
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = super.counters();
        m.put("unresolved_paths", paths.failures());
        return m;
    }
}
