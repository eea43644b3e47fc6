package io.infrasight.probe.exec;

import io.infrasight.api.spi.EventPublisher;
import io.infrasight.api.spi.EventSource;
import io.infrasight.api.spi.SourceState;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.bpf.BpfException;
import io.infrasight.bpf.BpfObject;
import io.infrasight.bpf.ProbeRunner;
import io.infrasight.bpf.ProbeSettings;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The exec probe as an event source. Activation only reads configuration; the object is loaded on
 * the runner's thread when the bus starts the source.
 */
@Component(service = EventSource.class, configurationPid = ExecProbeConfig.PID)
@Designate(ocd = ExecProbeConfig.class)
public final class ExecProbe implements EventSource {
    static final String PROBLEMS_KEY = ExecProbeConfig.PID + "#component";
    static final String ID = "probe.exec";
    static final String OBJECT = "/bpf/exec.bpf.o";

    private final ProbeSettings settings;
    private final ConfigProblems problems;
    private final ProbeRunner runner;

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
        this.settings = settings;
        this.problems = problems;
        problems.report(PROBLEMS_KEY, settings.problems());
        this.runner = new ProbeRunner(settings.runnerSettings(ID, ExecProbe.class, OBJECT),
                new ProbeRunner.Configurer() {
                    @Override
                    public void beforeLoad(BpfObject o) throws BpfException {
                        settings.taskFilters().beforeLoad(o);
                    }

                    @Override
                    public void afterLoad(BpfObject o) throws BpfException {
                        settings.taskFilters().afterLoad(o);
                    }
                }, new ExecDecoder());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void start(EventPublisher publisher) {
        if (settings.enabled()) {
            runner.start(publisher);
        }
    }

    @Override
    public void stop() {
        runner.stop();
    }

    @Deactivate
    void deactivate() {
        runner.stop();
        // this configuration is gone: its problems with it (a new activation reports its own)
        problems.report(PROBLEMS_KEY, List.of());
    }

    @Override
    public SourceState state() {
        return settings.enabled() ? runner.state() : new SourceState(SourceState.DISABLED, "enabled=false");
    }

    @Override
    public Map<String, Long> counters() {
        return settings.withConfigProblems(runner.counters());
    }
}
