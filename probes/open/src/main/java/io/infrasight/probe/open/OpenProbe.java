package io.infrasight.probe.open;

import io.infrasight.api.spi.EventSource;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.bpf.BpfException;
import io.infrasight.bpf.BpfObject;
import io.infrasight.bpf.ProbeRunner;
import io.infrasight.bpf.ProbeSettings;
import io.infrasight.bpf.probe.KernelProbe;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The open probe as an event source (lifecycle in {@link KernelProbe}). Activation only reads
 * configuration; the object is loaded on the runner's thread when the bus starts the source.
 */
@Component(service = EventSource.class, configurationPid = OpenProbeConfig.PID)
@Designate(ocd = OpenProbeConfig.class)
public final class OpenProbe extends KernelProbe {
    static final String ID = "probe.open";
    static final String OBJECT = "/bpf/open.bpf.o";
    static final int PREFIX_MAX = 64;   // struct prefix_key in open.bpf.c

    private final PathResolver resolver;

    @Activate
    public OpenProbe(OpenProbeConfig config, @Reference ConfigProblems problems) {
        this(ProbeSettings.of(OpenProbeConfig.PID, config.enabled(), config.ringBufferKib(),
                config.excludeOwnProcess(), config.excludedComms(), config.excludedUids(), config.pathPrefixes()),
                problems);
    }

    /**
     * @param problems where rejected configuration values are reported (under "&lt;pid&gt;#component"), so
     *                 that status shows them; they are also logged and counted in {@code config_problems}
     */
    OpenProbe(ProbeSettings settings, ConfigProblems problems) {
        this(settings, problems, new PathResolver());
    }

    private OpenProbe(ProbeSettings settings, ConfigProblems problems, PathResolver resolver) {
        super(ID, OpenProbeConfig.PID, settings, problems, OBJECT, pathFilter(settings),
                new OpenDecoder(resolver, settings.pathPrefixes()));
        this.resolver = resolver;
    }

    /** The kernel-side path prefix filter: on only when prefixes are configured, then filled after load. */
    private static ProbeRunner.Configurer pathFilter(ProbeSettings settings) {
        return new ProbeRunner.Configurer() {
            @Override
            public void beforeLoad(BpfObject o) throws BpfException {
                o.setReadOnly("cfg_filter_path", settings.pathPrefixes().isEmpty() ? 0 : 1);
            }

            @Override
            public void afterLoad(BpfObject o) throws BpfException {
                for (String prefix : settings.pathPrefixes()) {
                    o.mapPut("filter_prefix", prefixKey(prefix), new byte[] {1});
                }
            }
        };
    }

    /** struct prefix_key: u32 prefix length in bits, then the bytes. */
    static byte[] prefixKey(String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(p.length, PREFIX_MAX);
        ByteBuffer k = ByteBuffer.allocate(4 + PREFIX_MAX).order(ByteOrder.nativeOrder());
        k.putInt(n * 8).put(p, 0, n);
        return k.array();
    }

    /** This configuration is gone: its problems with it (a new activation reports its own). */
    @Deactivate
    void deactivate() {
        close();
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = super.counters();
        m.put("unresolved_relative_paths", resolver.failures());
        return m;
    }
}
