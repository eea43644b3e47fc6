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
    /**
     * The API's own Export-Package (with its real versions) plus the Config Admin API, exported from
     * the class path so that the tests and the bundles share these types.
     */
    private static String systemPackages() throws java.io.IOException {
        java.net.URL where = io.infrasight.api.event.Event.class.getProtectionDomain().getCodeSource().getLocation();
        Path location = Path.of(java.net.URI.create(where.toString()));
        java.util.jar.Manifest manifest;
        if (Files.isDirectory(location)) {
            try (var in = Files.newInputStream(location.resolve("META-INF/MANIFEST.MF"))) {
                manifest = new java.util.jar.Manifest(in);
            }
        } else {
            try (var jar = new java.util.jar.JarFile(location.toFile())) {
                manifest = jar.getManifest();
            }
        }
        return manifest.getMainAttributes().getValue("Export-Package") + ",org.osgi.service.cm;version=1.6.0";
    }

    private final org.osgi.framework.launch.Framework framework;
    final Path storage;

    RealFramework() throws Exception {
        storage = Files.createTempDirectory("felix-wiring");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, systemPackages());
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
