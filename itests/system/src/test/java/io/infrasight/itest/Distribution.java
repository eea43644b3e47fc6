package io.infrasight.itest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One unpacked copy of the assembled distribution, started with {@code bin/infrasight run} as a child
 * process, and the HTTP calls the tests make against it.
 */
final class Distribution implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PASSWORD = Pattern.compile("password:\\s+(\\S+)");

    final Path home;
    final int port;
    private final int sshPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final CopyOnWriteArrayList<String> output = new CopyOnWriteArrayList<>();
    private Process process;
    private String password;

    Distribution(String name) throws Exception {
        this(name, "standalone");
    }

    /** A distribution that boots the given role ({@code standalone}, {@code agent} or {@code server}). */
    Distribution(String name, String role) throws Exception {
        Path work = Path.of(System.getProperty("infrasight.work", "target/it"));
        Path dir = work.resolve(name);
        if (Files.exists(dir)) {
            run("rm", "-rf", dir.toString());
        }
        Files.createDirectories(dir);
        run("tar", "xzf", System.getProperty("infrasight.distribution"), "-C", dir.toString(),
                "--strip-components=1");
        this.home = dir;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // SSH for bin/client, booted from the start on a free loopback port: installing the ssh feature
        // later would refresh the shell's bundles and, through them, ours.
        try (ServerSocket s = new ServerSocket(0)) {
            sshPort = s.getLocalPort();
        }
        Path shellCfg = home.resolve("etc/org.apache.karaf.shell.cfg");
        Files.writeString(shellCfg, Files.readString(shellCfg).replace("sshPort = 8101", "sshPort = " + sshPort));
        Path features = home.resolve("etc/org.apache.karaf.features.cfg");
        Files.writeString(features, Files.readString(features).replace("    wrap), \\", "    wrap, \\\n    ssh), \\"));
        if (!role.equals("standalone")) {
            Files.writeString(features, Files.readString(features).replace("infrasight-standalone", "infrasight-" + role));
        }
        Path web = home.resolve("etc/org.ops4j.pax.web.cfg");
        Files.writeString(web, Files.readString(web).replace("org.osgi.service.http.port = 8181",
                "org.osgi.service.http.port = " + port));
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed");
        }
    }

    static final Duration BOOT = Duration.ofSeconds(Long.getLong("infrasight.it.boot.seconds", 120));

    /**
     * Starts {@code bin/infrasight run} and waits until the status endpoint answers; the first-start
     * password is read from its output. A boot that does not answer in time leaves a diagnosis (thread
     * dump, output, log tail) in {@code <home>-boot-<n>.txt} and is killed and started once more; a
     * second hang fails. (Seen once in many runs: the JVM stopped in Karaf's own first-stage refresh
     * of pax-logging, before any InfraSight bundle was installed.)
     */
    void start() throws Exception {
        for (int attempt = 1;; attempt++) {
            launch();
            try {
                waitFor(BOOT, "the status endpoint to answer", () -> {
                    try {
                        return get("/infrasight/api/status", false).statusCode() == 401;
                    } catch (IOException e) {
                        return false;
                    }
                });
                return;
            } catch (AssertionError hang) {
                Path report = diagnose(attempt);
                kill();
                if (attempt >= 2) {
                    throw new AssertionError(hang.getMessage() + " (twice); diagnoses in " + report, hang);
                }
                System.out.println("[distribution " + home.getFileName() + "] no answer within " + BOOT
                        + "; diagnosis in " + report + "; killed, starting it once more");
            }
        }
    }

    /** The Karaf JVM's pid, from the pid file it writes. */
    private long karafPid() throws IOException {
        Path f = home.resolve("karaf.pid");
        return Files.exists(f) ? Long.parseLong(Files.readString(f).trim()) : process.pid();
    }

    private Path diagnose(int attempt) throws Exception {
        Path report = home.resolveSibling(home.getFileName() + "-boot-" + attempt + ".txt");
        StringBuilder sb = new StringBuilder("== output\n");
        // the first-start password is shown once on the console: never into a file
        output.forEach(l -> sb.append(PASSWORD.matcher(l).replaceAll("password: <redacted>")).append('\n'));
        sb.append("== thread dump\n");
        try {
            Process jstack = new ProcessBuilder("jstack", Long.toString(karafPid())).redirectErrorStream(true).start();
            sb.append(new String(jstack.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            jstack.waitFor();
        } catch (IOException e) {
            sb.append("jstack failed: ").append(e).append('\n');
        }
        Path log = home.resolve("data/log/karaf.log");
        if (Files.exists(log)) {
            java.util.List<String> lines = Files.readAllLines(log);
            sb.append("== karaf.log (last 200 lines)\n");
            lines.subList(Math.max(0, lines.size() - 200), lines.size()).forEach(l -> sb.append(l).append('\n'));
        }
        Files.writeString(report, sb);
        return report;
    }

    private void kill() throws Exception {
        long pid = karafPid();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
        process.waitFor();
    }

    private void launch() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/infrasight").toString(), "run")
                .directory(home.toFile()).redirectErrorStream(true);
        pb.environment().remove("INFRASIGHT_ADMIN_PASSWORD");
        pb.environment().put("EXTRA_JAVA_OPTS", "-Xmx1g");
        process = pb.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                    Matcher m = PASSWORD.matcher(line);
                    if (m.find() && password == null) {
                        password = m.group(1);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "distribution-output");
        reader.setDaemon(true);
        reader.start();
    }

    int sshPort() {
        return sshPort;
    }

    String password() {
        return password;
    }

    java.util.List<String> output() {
        return output;
    }

    HttpResponse<String> get(String path, boolean auth) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (auth) {
            b.header("Authorization", basic());
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    HttpResponse<String> post(String path, String form) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", basic())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    }

    JsonNode status() throws IOException {
        HttpResponse<String> r = get("/infrasight/api/status", true);
        if (r.statusCode() != 200) {
            throw new IOException("status answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    JsonNode bundles() throws IOException {
        return JSON.readTree(get("/system/console/bundles.json", true).body());
    }

    /** The subscriber entry with this id, or null. */
    JsonNode subscriber(String id) throws IOException {
        return find(status().path("subscribers"), n -> n.path("id").asText().equals(id));
    }

    JsonNode source(String id) throws IOException {
        return find(status().path("sources"), n -> n.path("id").asText().equals(id));
    }

    static JsonNode find(JsonNode array, Predicate<JsonNode> p) {
        for (JsonNode n : array) {
            if (p.test(n)) {
                return n;
            }
        }
        return null;
    }

    String log() throws IOException {
        return Files.readString(home.resolve("data/log/karaf.log"));
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Duration max, String what, Check check) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.ok()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out after " + max + " waiting for " + what
                + (last != null ? " (last error: " + last + ")" : ""));
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            new ProcessBuilder(home.resolve("bin/infrasight").toString(), "stop").directory(home.toFile())
                    .inheritIO().start().waitFor();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
