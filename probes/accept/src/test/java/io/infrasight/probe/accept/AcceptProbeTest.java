package io.infrasight.probe.accept;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.AcceptEvent;
import io.infrasight.api.spi.SourceState;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.bpf.ProbeSettings;
import io.infrasight.bpf.testkit.Collector;
import io.infrasight.bpf.testkit.Harness;
import io.infrasight.bpf.testkit.RecordingConfigProblems;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The accept probe against the running kernel (root): a python3 helper listens on the loopback
 * interface and accepts one connection from this JVM, through accept4 (what Python uses) or the
 * raw accept syscall; the event must carry both ends as the JVM's socket saw them.
 */
class AcceptProbeTest {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_STREAM = 1;
    static final int IPPROTO_TCP = 6;

    /** argv: family (4|6), address, "accept4" | "accept"; prints the port, then accepts one connection. */
    static final String LISTEN = "import socket, sys, ctypes\n"
            + "fam = socket.AF_INET6 if sys.argv[1] == '6' else socket.AF_INET\n"
            + "srv = socket.socket(fam, socket.SOCK_STREAM); srv.bind((sys.argv[2], 0)); srv.listen(1)\n"
            + "print(srv.getsockname()[1], flush=True)\n"
            + "if sys.argv[3] == 'accept4':\n"
            + "    c, a = srv.accept()\n"
            + "else:\n"
            + "    libc = ctypes.CDLL(None, use_errno=True)\n"
            + "    fd = libc.syscall(ctypes.c_long(43), ctypes.c_long(srv.fileno()), None, None)\n"
            + "    assert fd >= 0, ctypes.get_errno()\n"
            + "print('accepted', flush=True)\n";

    private AcceptProbe probe;
    private final Collector bus = new Collector();
    private final RecordingConfigProblems problems = new RecordingConfigProblems();

    private void start() throws InterruptedException {
        probe = new AcceptProbe(ProbeSettings.of(AcceptProbeConfig.PID, true, 256, true, null, null, null), problems);
        probe.start(bus);
        Harness.awaitRunning(probe);
    }

    @AfterEach
    void stop() {
        if (probe != null) {
            probe.stop();
        }
    }

    /** Runs the helper, connects to it from this JVM; returns the event and the JVM socket's local port. */
    private AcceptEvent acceptOne(String family, String address, String syscall, int[] clientPort) throws Exception {
        Process p = Harness.python(LISTEN, family, address, syscall);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
            String line = out.readLine();
            int port = Integer.parseInt(line.strip());
            try (Socket s = new Socket(address, port)) {
                clientPort[0] = s.getLocalPort();
                assertEquals("accepted", out.readLine());
            }
            assertEquals(0, p.waitFor());
            return bus.await(AcceptEvent.class, x -> x.header().pid() == p.pid() && x.localPort() == port, 5000)
                    .orElseThrow(() -> new AssertionError("no accept event of pid " + p.pid() + "; got " + bus.events
                            + "; counters " + probe.counters()));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void accept4OnALoopbackListenerYieldsLocalAndRemoteAddressAndPort() throws Exception {
        start();
        int[] client = new int[1];
        AcceptEvent e = acceptOne("4", "127.0.0.1", "accept4", client);
        assertEquals(AF_INET, e.family());
        assertEquals(SOCK_STREAM, e.sockType());
        assertEquals(IPPROTO_TCP, e.protocol());
        assertEquals("127.0.0.1", e.localAddress());
        assertEquals("127.0.0.1", e.remoteAddress());
        assertEquals(client[0], e.remotePort(), "the JVM client's port");
        assertTrue(e.header().retval() >= 3, "the accepted fd: " + e.header().retval());
        assertEquals("python3", e.header().comm());
    }

    @Test
    void plainAcceptSyscallIsReportedToo() throws Exception {
        start();
        int[] client = new int[1];
        AcceptEvent e = acceptOne("4", "127.0.0.1", "accept", client);
        assertEquals(client[0], e.remotePort());
        assertEquals("127.0.0.1", e.remoteAddress());
    }

    @Test
    void ipv6AcceptYieldsIpv6Addresses() throws Exception {
        start();
        int[] client = new int[1];
        AcceptEvent e = acceptOne("6", "::1", "accept4", client);
        assertEquals(AF_INET6, e.family());
        assertEquals("::1", e.localAddress());
        assertEquals("::1", e.remoteAddress());
        assertEquals(client[0], e.remotePort());
    }

    @Test
    void failedNonBlockingAcceptIsNotReported() throws Exception {
        start();
        Process p = Harness.python("import socket, errno\n"
                + "srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(1); srv.setblocking(False)\n"
                + "try:\n    srv.accept()\nexcept BlockingIOError:\n    pass\n");
        Harness.finish(p);
        // a successful accept after it: once that is here, an EAGAIN event would have been too
        int[] client = new int[1];
        acceptOne("4", "127.0.0.1", "accept4", client);
        assertTrue(bus.events.stream().noneMatch(x -> x.header().pid() == p.pid()), "EAGAIN accept was emitted");
    }

    @Test
    void acceptorsKilledWhileBlockedLeaveNoStashEntriesBehind() throws Exception {
        // a 16-entry stash, then 24 processes killed while blocked in accept: a dying task still leaves
        // the syscall through its exit tracepoint (-EINTR), and the exit program must drop the stashed
        // entry on that failure path too, or the stash would be full for good and accepts unreported
        probe = new AcceptProbe(ProbeSettings.of(AcceptProbeConfig.PID, true, 256, true, null, null, null), problems,
                new io.infrasight.bpf.ProbeRunner.Configurer() {
                    @Override
                    public void beforeLoad(io.infrasight.bpf.BpfObject o) throws io.infrasight.bpf.BpfException {
                        o.setMaxEntries("accept_stash", 16);
                    }

                    @Override
                    public void afterLoad(io.infrasight.bpf.BpfObject o) {
                    }
                });
        probe.start(bus);
        Harness.awaitRunning(probe);
        List<Process> blocked = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 24; i++) {
                blocked.add(Harness.python("import socket\n"
                        + "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(1)\n"
                        + "print('listening', flush=True)\ns.accept()\n"));
            }
            for (Process p : blocked) {
                assertEquals("listening", new BufferedReader(new InputStreamReader(p.getInputStream())).readLine());
            }
            Thread.sleep(200);   // from "listening" into the accept syscall
        } finally {
            for (Process p : blocked) {
                p.destroyForcibly().waitFor();
            }
        }
        AcceptEvent e = acceptOne("4", "127.0.0.1", "accept4", new int[1]);
        assertEquals("127.0.0.1", e.remoteAddress());
    }

    @Test
    void disabledProbeLoadsNothingAndSaysSo() {
        probe = new AcceptProbe(ProbeSettings.of(AcceptProbeConfig.PID, false, 256, true, null, null, null), problems);
        probe.start(bus);
        assertEquals(SourceState.DISABLED, probe.state().state());
    }

    @Test
    void badRingBufferSizeFallsBackAndIsReportedAsAConfigProblem() {
        probe = new AcceptProbe(ProbeSettings.of(AcceptProbeConfig.PID, true, 3, true, null, null, null), problems);
        assertEquals(1L, probe.counters().get("config_problems"));
        List<ConfigProblem> reported = problems.byReporter.get(AcceptProbeConfig.PID + "#component");
        assertEquals("ringBufferKib", reported.get(0).property());
        probe.deactivate();
        assertTrue(problems.list().isEmpty(), "a deactivated probe keeps no problems in status");
    }

    @Test
    void startingAndStoppingThreeTimesWorksEachTimeAndLeavesNoProgramsOrMapsBehind() throws Exception {
        int fds = Harness.ownBpfFds();
        for (int i = 0; i < 3; i++) {
            start();
            assertTrue(Harness.ownBpfFds() > fds, "programs and maps held while running, round " + i);
            acceptOne("4", "127.0.0.1", "accept4", new int[1]);
            probe.stop();
            assertEquals(SourceState.STOPPED, probe.state().state());
            assertEquals(fds, Harness.ownBpfFds(), "BPF programs, maps or links left after round " + i);
        }
    }
}
