package io.infrasight.probe.ptrace;

import io.infrasight.api.spi.EventSource;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.bpf.ProbeSettings;
import io.infrasight.bpf.probe.KernelProbe;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** The ptrace probe as an event source (lifecycle in {@link KernelProbe}). */
@Component(service = EventSource.class, configurationPid = PtraceProbeConfig.PID)
@Designate(ocd = PtraceProbeConfig.class)
public final class PtraceProbe extends KernelProbe {
    static final String ID = "probe.ptrace";
    static final String OBJECT = "/bpf/ptrace.bpf.o";

    @Activate
    public PtraceProbe(PtraceProbeConfig config, @Reference ConfigProblems problems) {
        this(ProbeSettings.of(PtraceProbeConfig.PID, config.enabled(), config.ringBufferKib(),
                config.excludeOwnProcess(), config.excludedComms(), config.excludedUids(), null), problems);
    }

    PtraceProbe(ProbeSettings settings, ConfigProblems problems) {
        super(ID, PtraceProbeConfig.PID, settings, problems, OBJECT, null, new PtraceDecoder());
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
