package io.infrasight.probe.mount;

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

/** The mount probe (mount, move_mount, fsmount, umount2) as an event source (lifecycle in {@link KernelProbe}). */
@Component(service = EventSource.class, configurationPid = MountProbeConfig.PID)
@Designate(ocd = MountProbeConfig.class)
public final class MountProbe extends KernelProbe {
    static final String ID = "probe.mount";
    static final String OBJECT = "/bpf/mount.bpf.o";
    /** the new mount API is Linux 5.2+: elsewhere the probe runs with mount and umount2 only */
    static final Map<String, List<String>> OPTIONAL = Map.of(
            "move_mount", List.of("on_enter_move_mount", "on_exit_move_mount"),
            "fsmount", List.of("on_enter_fsmount", "on_exit_fsmount"));

    private final ProcPaths paths;

    @Activate
    public MountProbe(MountProbeConfig config, @Reference ConfigProblems problems) {
        this(ProbeSettings.of(MountProbeConfig.PID, config.enabled(), config.ringBufferKib(),
                config.excludeOwnProcess(), config.excludedComms(), config.excludedUids(), null), problems);
    }

    MountProbe(ProbeSettings settings, ConfigProblems problems) {
        this(settings, problems, new ProcPaths());
    }

    private MountProbe(ProbeSettings settings, ConfigProblems problems, ProcPaths paths) {
        super(ID, MountProbeConfig.PID, settings, problems, OBJECT, null, new MountDecoder(paths),
                new OptionalSyscalls(OPTIONAL));
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
