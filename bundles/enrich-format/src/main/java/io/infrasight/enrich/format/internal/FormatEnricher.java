package io.infrasight.enrich.format.internal;

import io.infrasight.api.enrich.EnrichmentStatus;
import io.infrasight.api.event.Event;
import io.infrasight.api.spi.Enricher;
import io.infrasight.api.syscall.SyscallNames;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/** Readable fields as an enricher (ranking 100: last, it needs nothing from the others). */
@Component(service = {Enricher.class, EnrichmentStatus.class}, configurationPid = FormatEnricherConfig.PID,
        property = {"service.ranking:Integer=100"})
@Designate(ocd = FormatEnricherConfig.class)
public final class FormatEnricher implements Enricher, EnrichmentStatus {
    static final String ID = "format";

    private final Formatter formatter;

    @Activate
    public FormatEnricher(FormatEnricherConfig c) {
        // booleans cannot be invalid once the metatype converted them; nothing to report
        formatter = new Formatter(new Formatter.Settings(c.latency_ms(), c.fill_time(), c.syscall_names()));
    }

    /**
     * The syscalls probe publishes the table it generated from the build host's headers; prefer it
     * to our copy, which may lag behind the kernel's newest syscalls.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + SyscallNames.ARCH_PROPERTY + "=x86_64)")
    void bindSyscallNames(SyscallNames names) {
        formatter.useSyscallTable(names.asMap());
    }

    void unbindSyscallNames(SyscallNames names) {
        formatter.useSyscallTable(null);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Event enrich(Event event) {
        return formatter.enrich(event);
    }

    @Override
    public Map<String, Long> counters() {
        return formatter.counters();
    }
}
