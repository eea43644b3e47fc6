package io.infrasight.bpf.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Loads libinfrasight-bpf.so. In OSGi the framework extracts it through Bundle-NativeCode and
 * {@code System.loadLibrary} finds it; on a plain class path (tests, tools) we copy the same
 * resource to a temporary file, because a library cannot be loaded from inside a jar.
 */
final class NativeLoader {
    static final String LIB = "infrasight-bpf";
    static final String RESOURCE = "/native/linux-x86_64/lib" + LIB + ".so";

    private NativeLoader() {
    }

    static void load() {
        try {
            System.loadLibrary(LIB);
            return;
        } catch (UnsatisfiedLinkError notOnPath) {
            // fall through to the class-path copy
        }
        try (InputStream in = NativeLoader.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new UnsatisfiedLinkError("no " + RESOURCE + " for " + System.getProperty("os.arch")
                        + ": the BPF runtime supports linux x86-64 only");
            }
            Path tmp = Files.createTempFile("lib" + LIB, ".so");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            tmp.toFile().deleteOnExit();
            System.load(tmp.toString());
        } catch (IOException e) {
            throw new UnsatisfiedLinkError("cannot extract " + RESOURCE + ": " + e);
        }
    }
}
