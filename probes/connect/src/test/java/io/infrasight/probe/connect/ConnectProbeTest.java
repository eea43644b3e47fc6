package io.infrasight.probe.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.ConnectEvent;
import io.infrasight.api.spi.SourceState;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.bpf.ProbeSettings;
import io.infrasight.bpf.testkit.Collector;
import io.infrasight.bpf.testkit.Harness;
import io.infrasight.bpf.testkit.RecordingConfigProblems;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connect probe against the running kernel (root): python3 helpers connect to listeners on the
 * loopback interface (this JVM's own sockets are filtered out in the kernel) and print what their
 * socket became, which the event must match.
 */
class ConnectProbeTest {
    static final int AF_UNIX = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_STREAM = 1;
    static final int IPPROTO_TCP = 6;
    static final int ECONNREFUSED = 111;
    static final int EINPROGRESS = 115;

    @TempDir
    Path dir;
    private ConnectProbe probe;
    private final Collector bus = new Collector();
    private final RecordingConfigProblems problems = new RecordingConfigProblems();

    private void start(int... excludedUids) throws InterruptedException {
        probe = new ConnectProbe(ProbeSettings.of(ConnectProbeConfig.PID, true, 256, true, null, excludedUids, null),
                problems);
        probe.start(bus);
        Harness.awaitRunning(probe);
    }

    @AfterEach
    void stop() {
        if (probe != null) {
            probe.stop();
        }
    }

    /**
     * The helper's connect to {@code port}. Python may connect elsewhere first (with HOME unset its
     * start-up asks NSS for the user, which tries nscd's unix socket), so match on the destination.
     */
    private ConnectEvent await(long pid, int port) throws InterruptedException {
        return bus.await(ConnectEvent.class, x -> x.header().pid() == pid && x.remotePort() == port, 5000)
                .orElseThrow(() -> new AssertionError("no connect event of pid " + pid + " to port " + port + "; got "
                        + bus.events + "; counters " + probe.counters()));
    }

    /** Connects with family/addr/port from argv, prints "errno localport". */
    static final String CONNECT = "import socket, sys, errno\n"
            + "fam = socket.AF_INET6 if sys.argv[1] == '6' else socket.AF_INET\n"
            + "s = socket.socket(fam, socket.SOCK_STREAM)\n"
            + "if sys.argv[4] == 'nb': s.setblocking(False)\n"
            + "rc = s.connect_ex((sys.argv[2], int(sys.argv[3])))\n"
            + "print(rc, s.getsockname()[1])\n";

    @Test
    void connectToALoopbackListenerYieldsBothEndsAndSuccess() throws Exception {
        start();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            Process p = Harness.python(CONNECT, "4", "127.0.0.1", Integer.toString(server.getLocalPort()), "b");
            String[] out = Harness.finish(p).strip().split(" ");
            assertEquals("0", out[0]);
            ConnectEvent e = await(p.pid(), server.getLocalPort());
            assertEquals(0, e.header().retval());
            assertEquals(AF_INET, e.family());
            assertEquals(SOCK_STREAM, e.sockType());
            assertEquals(IPPROTO_TCP, e.protocol());
            assertEquals("127.0.0.1", e.remoteAddress());
            assertEquals(server.getLocalPort(), e.remotePort());
            assertEquals("127.0.0.1", e.localAddress());
            assertEquals(Integer.parseInt(out[1]), e.localPort(), "the port the kernel bound");
            assertEquals("python3", e.header().comm());
        }
    }

    @Test
    void connectToAClosedPortFailsWithEconnrefused() throws Exception {
        start();
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        Process p = Harness.python(CONNECT, "4", "127.0.0.1", Integer.toString(closed), "b");
        assertTrue(Harness.finish(p).startsWith(ECONNREFUSED + " "));
        ConnectEvent e = await(p.pid(), closed);
        assertEquals(-ECONNREFUSED, e.header().retval());
        assertEquals("127.0.0.1", e.remoteAddress());
        assertEquals(closed, e.remotePort());
    }

    @Test
    void ipv6ConnectYieldsIpv6Addresses() throws Exception {
        start();
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            Process p = Harness.python(CONNECT, "6", "::1", Integer.toString(server.getLocalPort()), "b");
            String[] out = Harness.finish(p).strip().split(" ");
            assertEquals("0", out[0]);
            ConnectEvent e = await(p.pid(), server.getLocalPort());
            assertEquals(AF_INET6, e.family());
            assertEquals("::1", e.remoteAddress());
            assertEquals("::1", e.localAddress());
            assertEquals(server.getLocalPort(), e.remotePort());
            assertEquals(Integer.parseInt(out[1]), e.localPort());
        }
    }

    @Test
    void v4MappedIpv6DestinationIsShownAsIpv4() throws Exception {
        start();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            Process p = Harness.python(CONNECT, "6", "::ffff:127.0.0.1", Integer.toString(server.getLocalPort()), "b");
            assertTrue(Harness.finish(p).startsWith("0 "));
            ConnectEvent e = await(p.pid(), server.getLocalPort());
            assertEquals(AF_INET6, e.family(), "the socket's family");
            assertEquals("127.0.0.1", e.remoteAddress());
            assertEquals("127.0.0.1", e.localAddress());
            assertEquals(0, e.header().retval());
        }
    }

    @Test
    void nonBlockingConnectReportsEinprogressWithTheBoundLocalPort() throws Exception {
        start();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            Process p = Harness.python(CONNECT, "4", "127.0.0.1", Integer.toString(server.getLocalPort()), "nb");
            String[] out = Harness.finish(p).strip().split(" ");
            assertEquals(Integer.toString(EINPROGRESS), out[0], "loopback non-blocking connect is in progress");
            ConnectEvent e = await(p.pid(), server.getLocalPort());
            assertEquals(-EINPROGRESS, e.header().retval());
            assertEquals(Integer.parseInt(out[1]), e.localPort());
            assertTrue(e.localPort() > 0);
        }
    }

    @Test
    void unixSocketConnectReportsThePath() throws Exception {
        start();
        String path = dir.resolve("s-" + UUID.randomUUID().toString().substring(0, 8)).toString();
        Process p = Harness.python("import socket, sys\n"
                + "srv = socket.socket(socket.AF_UNIX); srv.bind(sys.argv[1]); srv.listen(1)\n"
                + "c = socket.socket(socket.AF_UNIX); c.connect(sys.argv[1])\n", path);
        Harness.finish(p);
        ConnectEvent e = bus.await(ConnectEvent.class, x -> x.header().pid() == p.pid() && path.equals(x.remoteAddress()), 5000)
                .orElseThrow(() -> new AssertionError("no unix connect; got " + bus.events));
        assertEquals(path, e.remoteAddress());
        assertEquals(0, e.header().retval());
        assertEquals(SOCK_STREAM, e.sockType());
    }

    @Test
    void excludedUidNeverReachesJavaAndIsCountedInTheKernel() throws Exception {
        start(65534);
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(server.getLocalPort());
            Process nobody = Harness.python("import os, socket, sys\nos.setuid(65534)\n" + CONNECT, "4", "127.0.0.1", port, "b");
            Harness.finish(nobody);
            Process root = Harness.python(CONNECT, "4", "127.0.0.1", port, "b");
            Harness.finish(root);
            await(root.pid(), server.getLocalPort());
            assertTrue(bus.events.stream().noneMatch(x -> x.header().pid() == nobody.pid() && x.header().uid() == 65534),
                    "an excluded uid reached Java: " + bus.events);
            Thread.sleep(Harness.COUNTER_REFRESH_MS * 2);
            assertTrue(probe.counters().get("kernel_filtered_uid") >= 1, probe.counters().toString());
        }
    }

    @Test
    void disabledProbeLoadsNothingAndSaysSo() {
        probe = new ConnectProbe(ProbeSettings.of(ConnectProbeConfig.PID, false, 256, true, null, null, null), problems);
        probe.start(bus);
        assertEquals(SourceState.DISABLED, probe.state().state());
    }

    @Test
    void badRingBufferSizeFallsBackAndIsReportedAsAConfigProblem() {
        probe = new ConnectProbe(ProbeSettings.of(ConnectProbeConfig.PID, true, 3, true, null, null, null), problems);
        assertEquals(1L, probe.counters().get("config_problems"));
        List<ConfigProblem> reported = problems.byReporter.get(ConnectProbeConfig.PID + "#component");
        assertEquals("ringBufferKib", reported.get(0).property());
        probe.deactivate();
        assertTrue(problems.list().isEmpty(), "a deactivated probe keeps no problems in status");
    }

    @Test
    void startingAndStoppingThreeTimesWorksEachTimeAndLeavesNoProgramsOrMapsBehind() throws Exception {
        int fds = Harness.ownBpfFds();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            for (int i = 0; i < 3; i++) {
                start();
                assertTrue(Harness.ownBpfFds() > fds, "programs and maps held while running, round " + i);
                Process p = Harness.python(CONNECT, "4", "127.0.0.1", Integer.toString(server.getLocalPort()), "b");
                Harness.finish(p);
                await(p.pid(), server.getLocalPort());
                probe.stop();
                assertEquals(SourceState.STOPPED, probe.state().state());
                assertEquals(fds, Harness.ownBpfFds(), "BPF programs, maps or links left after round " + i);
            }
        }
    }
}
