package io.infrasight.probe.syscalls;

import io.infrasight.api.syscall.SyscallNames;
import java.io.IOException;
import java.io.InputStream;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the x86-64 syscall table, generated at build from {@code asm/unistd_64.h}, as a
 * {@link SyscallNames} service ({@code infrasight.arch=x86_64}) for detectors and models. Registered
 * by hand because SyscallNames is a value type, not something a component can be.
 */
@Component(immediate = true)
// registered by hand, so bnd cannot see it: declared for the resolver (requirements on SyscallNames)
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=\"io.infrasight.api.syscall.SyscallNames\"",
        uses = SyscallNames.class)
public final class SyscallTable {
    private static final Logger LOG = LoggerFactory.getLogger(SyscallTable.class);
    static final String RESOURCE = "/syscalls/x86_64.tsv";
    static final String ARCH = "x86_64";

    private final ServiceRegistration<SyscallNames> registration;

    @Activate
    public SyscallTable(BundleContext context) {
        SyscallNames names = load();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(SyscallNames.ARCH_PROPERTY, ARCH);
        registration = names == null ? null : context.registerService(SyscallNames.class, names, props);
    }

    /** The generated table, or null (logged) when the bundle was built without it. */
    static SyscallNames load() {
        try (InputStream in = SyscallTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                LOG.error("syscall table {} missing from the bundle", RESOURCE);
                return null;
            }
            return SyscallNames.parse(ARCH, in);
        } catch (IOException e) {
            LOG.error("syscall table {} unreadable", RESOURCE, e);
            return null;
        }
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            registration.unregister();
        }
    }
}
