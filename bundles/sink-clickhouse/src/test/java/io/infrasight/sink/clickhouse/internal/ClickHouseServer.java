package io.infrasight.sink.clickhouse.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real clickhouse-server on 127.0.0.1, started and stopped through scripts/clickhouse (the same
 * scripts developers and CI use), with its own home under target/ and free ports.
 */
final class ClickHouseServer implements AutoCloseable {
    static final Path SCRIPTS = Path.of("../../scripts/clickhouse").toAbsolutePath().normalize();

    final Path home;
    final int httpPort;
    final int tcpPort;
    private final int keepAliveSeconds;

    ClickHouseServer(String name) throws IOException {
        this(name, 1);
    }

    /**
     * keepAliveSeconds: how long the server keeps an idle HTTP connection. A graceful stop waits for
     * idle keep-alive connections to time out (10 s by default) and, as long as a client keeps its
     * connection busy, serves it for ~15 s more; 0 closes each connection after its request, so a
     * stop takes the server away at once.
     */
    ClickHouseServer(String name, int keepAliveSeconds) throws IOException {
        this.keepAliveSeconds = keepAliveSeconds;
        this.home = Path.of("target", "clickhouse-" + name).toAbsolutePath();
        this.httpPort = freePort();
        this.tcpPort = freePort();
        run("stop.sh", Map.of("CH_WIPE", "1"));
        start();
    }

    void start() throws IOException {
        run("start.sh", Map.of());
    }

    void stop() throws IOException {
        run("stop.sh", Map.of());
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    Path passwordFile() {
        return home.resolve("password");
    }

    String password() throws IOException {
        return Files.readString(passwordFile(), StandardCharsets.UTF_8).strip();
    }

    ClickHouseHttp http() throws IOException {
        return new ClickHouseHttp(url(), "infrasight", password(), 30_000);
    }

    @Override
    public void close() throws IOException {
        run("stop.sh", Map.of("CH_WIPE", "1"));
    }

    private void run(String script, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("sh", SCRIPTS.resolve(script).toString()).redirectErrorStream(true);
        pb.environment().put("CH_HOME", home.toString());
        pb.environment().put("CH_HTTP_PORT", Integer.toString(httpPort));
        pb.environment().put("CH_TCP_PORT", Integer.toString(tcpPort));
        pb.environment().put("CH_KEEP_ALIVE_TIMEOUT", Integer.toString(keepAliveSeconds));
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(script + " did not finish within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(script + " failed (" + p.exitValue() + "): " + out
                    + " -- is clickhouse-server installed? apt-get install -y clickhouse-server clickhouse-client");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
