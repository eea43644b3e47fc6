package io.infrasight.probe.accept;

import io.infrasight.api.spi.EventSource;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.bpf.ProbeRunner;
import io.infrasight.bpf.ProbeSettings;
import io.infrasight.bpf.probe.KernelProbe;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** The accept probe as an event source (lifecycle in {@link KernelProbe}). */
@Component(service = EventSource.class, configurationPid = AcceptProbeConfig.PID)
@Designate(ocd = AcceptProbeConfig.class)
public final class AcceptProbe extends KernelProbe {
    static final String ID = "probe.accept";
    static final String OBJECT = "/bpf/accept.bpf.o";

    @Activate
    public AcceptProbe(AcceptProbeConfig config, @Reference ConfigProblems problems) {
        this(ProbeSettings.of(AcceptProbeConfig.PID, config.enabled(), config.ringBufferKib(),
                config.excludeOwnProcess(), config.excludedComms(), config.excludedUids(), null), problems);
    }

    AcceptProbe(ProbeSettings settings, ConfigProblems problems) {
        this(settings, problems, null);
    }

    /** For tests: {@code extra} configures the object further (e.g. a small stash map). */
    AcceptProbe(ProbeSettings settings, ConfigProblems problems, ProbeRunner.Configurer extra) {
        super(ID, AcceptProbeConfig.PID, settings, problems, OBJECT, extra, new AcceptDecoder());
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
