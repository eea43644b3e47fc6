package io.infrasight.itest.wiring;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

import org.osgi.util.tracker.ServiceTracker;

/** A real Felix framework with the API exported from the class path, so tests and bundles share its types. */
final class RealFramework implements AutoCloseable {
    private static final String API = "io.infrasight.api.event;version=1.0.0,io.infrasight.api.spi;version=1.0.0,"
            + "io.infrasight.api.alert;version=1.0.0,io.infrasight.api.status;version=1.0.0,"
            + "io.infrasight.api.json;version=1.0.0,"
            // Config Admin API from the class path too, so that the test can use the service the bundle provides.
            + "org.osgi.service.cm;version=1.6.0";

    private final org.osgi.framework.launch.Framework framework;
    final Path storage;

    RealFramework() throws Exception {
        storage = Files.createTempDirectory("felix-wiring");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, API);
        framework = new FrameworkFactory().newFramework(config);
        framework.start();
        List<Bundle> installed = new ArrayList<>();
        for (String jar : System.getProperty("bundles").split(",")) {
            installed.add(context().installBundle(new File(jar).toURI().toString()));
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                b.start();
            }
        }
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    Bundle install(String jar) throws Exception {
        Bundle b = context().installBundle(new File(jar).toURI().toString());
        b.start();
        return b;
    }

    /** Waits for a service of this type and returns it. */
    <T> T service(Class<T> type) throws Exception {
        ServiceTracker<T, T> t = new ServiceTracker<>(context(), type, null);
        t.open();
        T s = t.waitForService(TimeUnit.SECONDS.toMillis(20));
        if (s == null) {
            throw new AssertionError("no " + type.getName() + " service within 20 s");
        }
        return s;
    }

    @Override
    public void close() throws Exception {
        framework.stop();
        framework.waitForStop(20_000);
    }
}
