package io.infrasight.probe.exec;

import io.infrasight.api.spi.EventSource;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.bpf.ProbeSettings;
import io.infrasight.bpf.probe.KernelProbe;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The exec probe as an event source (lifecycle in {@link KernelProbe}). Activation only reads
 * configuration; the object is loaded on the runner's thread when the bus starts the source.
 */
@Component(service = EventSource.class, configurationPid = ExecProbeConfig.PID)
@Designate(ocd = ExecProbeConfig.class)
public final class ExecProbe extends KernelProbe {
    static final String ID = "probe.exec";
    static final String OBJECT = "/bpf/exec.bpf.o";

    @Activate
    public ExecProbe(ExecProbeConfig config, @Reference ConfigProblems problems) {
        this(ProbeSettings.of(ExecProbeConfig.PID, config.enabled(), config.ringBufferKib(),
                config.excludeOwnProcess(), config.excludedComms(), config.excludedUids(), new String[0]), problems);
    }

    /**
     * @param problems where rejected configuration values are reported (under "&lt;pid&gt;#component"), so
     *                 that status shows them; they are also logged and counted in {@code config_problems}
     */
    ExecProbe(ProbeSettings settings, ConfigProblems problems) {
        super(ID, ExecProbeConfig.PID, settings, problems, OBJECT, null, new ExecDecoder());
    }

    /** This configuration is gone: its problems with it (a new activation reports its own). */
    @Deactivate
    void deactivate() {
        close();
    }
}
