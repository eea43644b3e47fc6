package io.infrasight.bpf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The compiled probe objects (infrasight-bpf-objects). */
final class TestObjects {
    private TestObjects() {
    }

    static byte[] bytes(String probe) {
        try (InputStream in = TestObjects.class.getResourceAsStream("/bpf/" + probe + ".bpf.o")) {
            if (in == null) {
                throw new IllegalStateException("no /bpf/" + probe + ".bpf.o on the test class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
