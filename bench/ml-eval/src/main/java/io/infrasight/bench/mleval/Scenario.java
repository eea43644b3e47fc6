package io.infrasight.bench.mleval;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What runs: three normal workloads, each in its own "container", and the anomalies injected into them
 * one at a time. Commands are argv lists; {@link Workloads} starts each inside a cgroup. Everything
 * talks to 127.0.0.1 only.
 */
final class Scenario {
    /** A container: its name (the cgroup directory), the image the harness claims for it, its processes. */
    record Container(String name, String image, List<List<String>> processes) {
    }

    /** An anomaly: what it imitates, the container it is injected into, its command. */
    record Anomaly(String name, String container, String imitates, List<String> argv) {
    }

    /**
     * The distribution's python, not a version manager's shim: a shim is a shell script that runs
     * basename, readlink and friends before python, which would be part of every python's vectors.
     */
    static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    /** The anomalies' names, in injection order. */
    static final List<String> ANOMALY_NAMES = List.of("cpu-miner", "fork-storm", "bulk-read", "port-scan",
            "shell-net-tool", "syscall-mix");

    final List<Container> containers;
    final List<Anomaly> anomalies;
    final int port;

    private Scenario(List<Container> containers, List<Anomaly> anomalies, int port) {
        this.containers = containers;
        this.anomalies = anomalies;
        this.port = port;
    }

    static Scenario create(Path work) throws IOException {
        int port = freePort();
        Path docroot = Files.createDirectories(work.resolve("docroot"));
        Files.writeString(docroot.resolve("index.html"), "<html><body>" + "infrasight ".repeat(400) + "</body></html>\n");
        Path src = Files.createDirectories(work.resolve("build"));
        Files.writeString(src.resolve("m.c"), """
                #include <stdio.h>
                #include <string.h>
                static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
                int main(int argc, char **argv) {
                    char buf[64];
                    snprintf(buf, sizeof buf, "%d", fib(20 + (int) strlen(argv[0]) % 3));
                    puts(buf);
                    return argc > 5;
                }
                """);
        Path loot = Files.createDirectories(work.resolve("loot"));
        byte[] block = new byte[256 * 1024];
        new java.util.Random(9).nextBytes(block);
        for (int i = 0; i < 128; i++) {   // 32 MiB in 128 files: what a collector would sweep up
            Files.write(loot.resolve("f" + i + ".dat"), block);
        }
        Path status = work.resolve("idle.status");
        String url = "http://127.0.0.1:" + port + "/index.html";

        List<Container> containers = List.of(
                new Container("web", "eval/web:1", List.of(
                        List.of(PYTHON, "-m", "http.server", String.valueOf(port), "--bind", "127.0.0.1",
                                "--directory", docroot.toString()),
                        // steady load: about 8 requests a second
                        List.of(PYTHON, "-c", """
                                import time, urllib.request
                                while True:
                                    try:
                                        urllib.request.urlopen('%s', timeout=2).read()
                                    except Exception:
                                        pass
                                    time.sleep(0.12)
                                """.formatted(url)))),
                new Container("build", "eval/build:1", List.of(
                        // a repetitive build: compile, link, run the test, pause
                        List.of("sh", "-c", "cd " + src + " && while :; do gcc -O2 -c -o m.o m.c && gcc -o m m.o"
                                + " && ./m > out.txt; sleep 1; done"))),
                new Container("idle", "eval/idle:1", List.of(
                        // a shell service that wakes up every second to write a status file
                        List.of("sh", "-c", "while :; do sleep 1; cat /proc/loadavg > " + status + "; done"))));

        List<Anomaly> anomalies = List.of(
                new Anomaly("cpu-miner", "web", "a coin miner: hashing flat out on one core",
                        List.of(PYTHON, "-c", """
                                import hashlib
                                h = b'block'
                                while True:
                                    for _ in range(100000):
                                        h = hashlib.sha256(h).digest()
                                """)),
                new Anomaly("fork-storm", "build", "a fork storm / fork bomb held to one shell loop",
                        List.of("sh", "-c", "while :; do /bin/true; done")),
                new Anomaly("bulk-read", "build", "a collector sweeping files (32 MiB over and over)",
                        List.of("sh", "-c", "while :; do cat " + loot + "/*.dat > /dev/null; done")),
                new Anomaly("port-scan", "web", "a TCP connect scan of 127.0.0.1",
                        List.of(PYTHON, "-c", """
                                import socket
                                while True:
                                    for p in range(1, 65536):
                                        s = socket.socket()
                                        s.settimeout(0.05)
                                        s.connect_ex(('127.0.0.1', p))
                                        s.close()
                                """)),
                new Anomaly("shell-net-tool", "idle", "an interactive-looking shell fetching with curl and wget",
                        List.of("bash", "-c", "while :; do curl -s -m 1 -o /dev/null " + url + "; wget -q -T 1 -O /dev/null "
                                + url + "; sleep 0.2; done")),
                new Anomaly("syscall-mix", "idle", "a process calling syscalls the service never makes",
                        List.of(PYTHON, "-c", """
                                import ctypes, os, time
                                libc = ctypes.CDLL(None, use_errno=True)
                                buf = ctypes.create_string_buffer(4096)
                                # sysinfo, uname, times, getrusage, getpriority, sched_getaffinity, capget,
                                # personality(query), getcpu, ioprio_get, prctl(PR_GET_NAME)
                                calls = [(99, buf), (63, buf), (100, buf), (98, 0, buf), (140, 0, 0),
                                         (204, 0, 128, buf), (125, buf, buf), (135, 0xffffffff),
                                         (309, buf, buf, 0), (252, 1, 0), (157, 16, buf)]
                                while True:
                                    for c in calls:
                                        libc.syscall(*c)
                                    time.sleep(0.001)
                                """)));
        if (!anomalies.stream().map(Anomaly::name).toList().equals(ANOMALY_NAMES)) {
            throw new IllegalStateException("ANOMALY_NAMES is out of date");
        }
        return new Scenario(containers, anomalies, port);
    }

    Container container(String name) {
        return containers.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
