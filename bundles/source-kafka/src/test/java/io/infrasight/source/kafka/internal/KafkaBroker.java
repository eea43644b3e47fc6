package io.infrasight.source.kafka.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node KRaft broker, run by scripts/kafka/start.sh (jars from Maven Central) in its
 * own directory and on free ports of 127.0.0.1. Stopping and starting again keeps its data, as a
 * broker restart does.
 */
final class KafkaBroker implements AutoCloseable {
    private final Path scripts = Path.of(System.getProperty("kafka.scripts", "../../scripts/kafka"));
    private final Path dir;
    private final int port;
    private final int controllerPort;
    private Thread hook;

    KafkaBroker(String name) throws IOException {
        Path work = Path.of(System.getProperty("kafka.workdir", "target/kafka"));
        this.dir = work.resolve(name).toAbsolutePath();
        deleteTree(dir);
        Files.createDirectories(dir);
        this.port = freePort();
        int c = freePort();
        this.controllerPort = c == port ? freePort() : c;
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    KafkaBroker start() throws IOException, InterruptedException {
        if (hook == null) {
            // a test JVM that dies (timeout, kill) must not leave its broker behind
            hook = new Thread(() -> {
                try {
                    run("stop.sh", 60);
                } catch (IOException | InterruptedException e) {
                    // nothing more to do while the JVM exits
                }
            }, "kafka-broker-stop");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        run("start.sh", 180);
        return this;
    }

    void stop() throws IOException, InterruptedException {
        run("stop.sh", 60);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
            hook = null;
        }
    }

    private void run(String script, int timeoutSeconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", scripts.resolve(script).toString());
        pb.environment().put("KAFKA_DIR", dir.toString());
        pb.environment().put("KAFKA_PORT", Integer.toString(port));
        pb.environment().put("KAFKA_CONTROLLER_PORT", Integer.toString(controllerPort));
        pb.environment().put("KAFKA_HEAP", "384m");
        pb.redirectErrorStream(true);
        Path log = dir.resolve(script + ".out");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(script + " did not finish in " + timeoutSeconds + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(script + " failed: " + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var files = Files.walk(p)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
