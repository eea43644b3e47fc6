package io.infrasight.enrich.k8s.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API over TLS, as in a cluster: trusted through the configured CA file, refused without it. */
class PodDirectoryTlsTest {

    private static void keytool(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("keytool failed: " + out);
        }
    }

    @Test
    void tlsApiIsTrustedThroughTheCaFileAndRefusedWithoutIt(@TempDir Path dir) throws Exception {
        Path ks = dir.resolve("server.p12");
        Path ca = dir.resolve("ca.crt");
        keytool("-genkeypair", "-alias", "api", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-keystore", ks.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit");
        keytool("-exportcert", "-rfc", "-alias", "api", "-file", ca.toString(), "-keystore", ks.toString(),
                "-storepass", "changeit");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        byte[] body = PodResolverTest.PODS.getBytes(StandardCharsets.UTF_8);
        server.createContext("/api/v1/pods", ex -> {
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            URI api = URI.create("https://127.0.0.1:" + server.getAddress().getPort());
            PodDirectory trusted = new PodDirectory(api, "n", null, ca, Duration.ofSeconds(5));
            assertEquals("web-0", trusted.fetch().get(PodResolverTest.UID).name());
            PodDirectory untrusted = new PodDirectory(api, "n", null, dir.resolve("missing.crt"), Duration.ofSeconds(5));
            PodDirectory.FetchException e = assertThrows(PodDirectory.FetchException.class, untrusted::fetch);
            assertEquals("api_io", e.reason);
        } finally {
            server.stop(0);
        }
    }
}
