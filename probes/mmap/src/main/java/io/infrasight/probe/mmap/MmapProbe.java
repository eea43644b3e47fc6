package io.infrasight.probe.mmap;

import io.infrasight.api.spi.EventSource;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.bpf.BpfException;
import io.infrasight.bpf.BpfObject;
import io.infrasight.bpf.ProbeRunner;
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
                config.excludeOwnProcess(), config.excludedComms(), config.excludedUids(), null), problems,
                config.onlyWriteExec());
    }

    /** @param onlyWriteExec emit only mappings and protection changes marked writeExec (kernel-side) */
    MmapProbe(ProbeSettings settings, ConfigProblems problems, boolean onlyWriteExec) {
        this(settings, problems, new ProcPaths(), onlyWriteExec);
    }

    private MmapProbe(ProbeSettings settings, ConfigProblems problems, ProcPaths paths, boolean onlyWriteExec) {
        super(ID, MmapProbeConfig.PID, settings, problems, OBJECT, new ProbeRunner.Configurer() {
            @Override
            public void beforeLoad(BpfObject o) throws BpfException {
                o.setReadOnly("cfg_only_wx", onlyWriteExec ? 1 : 0);
            }

            @Override
            public void afterLoad(BpfObject o) {
            }
        }, new MmapDecoder(paths));
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
