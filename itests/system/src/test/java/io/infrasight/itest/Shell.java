package io.infrasight.itest;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Karaf shell of a running distribution through {@code bin/client} over SSH on loopback. SSH
 * is not booted by default; {@link #install} adds it the way an operator would, with a feature
 * file dropped into deploy/.
 */
final class Shell {
    private final Distribution dist;
    private final int port;

    private Shell(Distribution dist, int port) {
        this.dist = dist;
        this.port = port;
    }

    static Shell install(Distribution dist) throws Exception {
        int port = dist.sshPort();
        int p = port;
        Distribution.waitFor(Duration.ofSeconds(90), "SSH on 127.0.0.1:" + port, () -> {
            try (Socket ignored = new Socket("127.0.0.1", p)) {
                return true;
            }
        });
        return new Shell(dist, port);
    }

    /** Runs one command (batch mode: the command goes on stdin, as a script would); fails on a non-zero exit. */
    String run(String command) throws Exception {
        Process p = new ProcessBuilder(dist.home.resolve("bin/client").toString(), "-h", "127.0.0.1", "-a",
                Integer.toString(port), "-u", "admin", "-p", dist.password(), "-r", "3", "-b")
                .directory(dist.home.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/client hung on: " + command);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError("bin/client '" + command + "' exited " + p.exitValue() + ":\n" + text);
        }
        return text;
    }
}
