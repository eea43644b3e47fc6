package io.infrasight.bpf.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The Export-Package header of the bundle a class was built into, read from its built manifest (a
 * jar, or target/classes in the reactor). OSGi tests that share a bundle's packages from the class
 * path (org.osgi.framework.system.packages.extra) take the versions from here, never from a copy
 * that goes stale when an API package's version moves.
 */
public final class Exports {
    private Exports() {
    }

    /** The Export-Package header of the bundle {@code type} comes from. */
    public static String of(Class<?> type) {
        try {
            Path where = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            Manifest manifest;
            if (Files.isDirectory(where)) {
                try (InputStream in = Files.newInputStream(where.resolve("META-INF/MANIFEST.MF"))) {
                    manifest = new Manifest(in);
                }
            } else {
                try (JarFile jar = new JarFile(where.toFile())) {
                    manifest = jar.getManifest();
                }
            }
            String exports = manifest == null ? null : manifest.getMainAttributes().getValue("Export-Package");
            if (exports == null) {
                throw new IllegalStateException(where + " exports nothing: is it a built bundle?");
            }
            return exports;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read the manifest of " + type.getName() + "'s bundle", e);
        }
    }
}
