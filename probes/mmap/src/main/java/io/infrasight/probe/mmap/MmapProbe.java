package io.infrasight.probe.mmap;

import io.infrasight.api.spi.EventSource;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.bpf.ProbeSettings;
import io.infrasight.bpf.probe.KernelProbe;
import io.infrasight.bpf.probe.ProcPaths;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** The mmap probe (mmap and mprotect) as an event source (lifecycle in {@link KernelProbe}). */
@Component(service = EventSource.class, configurationPid = MmapProbeConfig.PID)
@Designate(ocd = MmapProbeConfig.class)
public final class MmapProbe extends KernelProbe {
    static final String ID = "probe.mmap";
    static final String OBJECT = "/bpf/mmap.bpf.o";

    private final ProcPaths paths;

    @Activate
    public MmapProbe(MmapProbeConfig config, @Reference ConfigProblems problems) {
        this(ProbeSettings.of(MmapProbeConfig.PID, config.enabled(), config.ringBufferKib(),
                config.excludeOwnProcess(), config.excludedComms(), config.excludedUids(), null), problems);
    }

    MmapProbe(ProbeSettings settings, ConfigProblems problems) {
        this(settings, problems, new ProcPaths());
    }

    private MmapProbe(ProbeSettings settings, ConfigProblems problems, ProcPaths paths) {
        super(ID, MmapProbeConfig.PID, settings, problems, OBJECT, null, new MmapDecoder(paths));
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
