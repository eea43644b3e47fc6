package io.infrasight.probe.connect;

import io.infrasight.api.spi.EventSource;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.bpf.ProbeSettings;
import io.infrasight.bpf.probe.KernelProbe;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** The connect probe as an event source (lifecycle in {@link KernelProbe}). */
@Component(service = EventSource.class, configurationPid = ConnectProbeConfig.PID)
@Designate(ocd = ConnectProbeConfig.class)
public final class ConnectProbe extends KernelProbe {
    static final String ID = "probe.connect";
    static final String OBJECT = "/bpf/connect.bpf.o";

    @Activate
    public ConnectProbe(ConnectProbeConfig config, @Reference ConfigProblems problems) {
        this(ProbeSettings.of(ConnectProbeConfig.PID, config.enabled(), config.ringBufferKib(),
                config.excludeOwnProcess(), config.excludedComms(), config.excludedUids(), null), problems);
    }

    ConnectProbe(ProbeSettings settings, ConfigProblems problems) {
        super(ID, ConnectProbeConfig.PID, settings, problems, OBJECT, null, new ConnectDecoder());
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
