package io.infrasight.ml.syscall;

import io.infrasight.api.delivery.CounterSource;
import io.infrasight.api.spi.Detector;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.api.syscall.SyscallNames;
import io.infrasight.ml.ModelCatalog;
import java.util.Map;
import io.infrasight.ml.ModelFamilyComponent;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Syscall-frequency anomaly models on the bus. The syscall table (registered by the syscalls probe)
 * is optional and dynamic: it only names syscalls in alerts, so the server role, which has no probe,
 * works without it.
 */
@Component(service = {Detector.class, ModelCatalog.class, CounterSource.class}, configurationPid = SyscallModels.PID,
        property = Detector.KINDS + "=SYSCALL_FREQUENCY")
public final class SyscallModels extends ModelFamilyComponent {
    public static final String PID = "io.infrasight.ml.syscall";

    private final AtomicReference<SyscallNames> table;

    @Activate
    public SyscallModels(Map<String, Object> config, @Reference ConfigProblems problems) {
        this(config, problems, new AtomicReference<>());
    }

    private SyscallModels(Map<String, Object> config, ConfigProblems problems, AtomicReference<SyscallNames> table) {
        super(PID, new SyscallFeatures(table::get), config, problems);
        this.table = table;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindSyscallNames(SyscallNames names) {
        table.set(names);
    }

    void unbindSyscallNames(SyscallNames names) {
        table.compareAndSet(names, null);
    }

    @Deactivate
    void deactivate() {
        stop();
    }

    @Override
    public String id() {
        return "ml-syscall";
    }
}
