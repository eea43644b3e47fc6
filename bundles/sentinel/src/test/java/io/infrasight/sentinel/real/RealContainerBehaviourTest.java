package io.infrasight.sentinel.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.event.ChmodEvent;
import io.infrasight.api.event.ConnectEvent;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.ExecEvent;
import io.infrasight.api.event.MountEvent;
import io.infrasight.api.event.OpenEvent;
import io.infrasight.enrich.container.internal.ContainerEnricher;
import io.infrasight.enrich.container.internal.ContainerEnricherConfig;
import io.infrasight.probe.chmod.ChmodProbe;
import io.infrasight.probe.chmod.ChmodProbeConfig;
import io.infrasight.probe.connect.ConnectProbe;
import io.infrasight.probe.connect.ConnectProbeConfig;
import io.infrasight.probe.exec.ExecProbe;
import io.infrasight.probe.mount.MountProbe;
import io.infrasight.probe.mount.MountProbeConfig;
import io.infrasight.probe.open.OpenProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default pack's container rules on real behaviour: the process moves itself into a cgroup
 * named the way docker names one (system.slice/docker-&lt;64 hex&gt;.scope on the unified hierarchy),
 * the real probes see what it does, the real container enricher (bundles/enrich-container) says
 * which container it is, and Sentinel decides. Each benign twin does the same thing on the host or
 * the harmless variant in the container.
 */
class RealContainerBehaviourTest {
    private static final long WAIT_MS = 8000;

    @TempDir
    static Path tmp;
    private static ProbePipeline pipe;
    private static ContainerEnricher enricher;
    private static Path cgroup;
    private static String containerId;

    @BeforeAll
    static void start() throws Exception {
        Path unified = Files.exists(Path.of("/sys/fs/cgroup/unified/cgroup.procs")) ? Path.of("/sys/fs/cgroup/unified")
                : Path.of("/sys/fs/cgroup");
        byte[] id = new byte[32];
        new java.security.SecureRandom().nextBytes(id);
        containerId = HexFormat.of().formatHex(id);
        cgroup = Files.createDirectories(unified.resolve("system.slice").resolve("docker-" + containerId + ".scope"));
        enricher = new ContainerEnricher(ProbePipeline.config(ContainerEnricherConfig.class,
                Map.of("docker_socket", "", "podman_socket", "", "rescan_ms", 200)), ProbePipeline.NO_PROBLEMS);
        pipe = new ProbePipeline(e -> !"host".equals(e.header().context().getString("container.id"))
                || e instanceof MountEvent || e instanceof ExecEvent x && String.join(" ", x.argv()).contains("rt-")
                || e instanceof OpenEvent o && o.path().equals("/var/run/docker.sock"),
                List.of(new ExecProbe(ProbePipeline.execConfig(), ProbePipeline.NO_PROBLEMS),
                        new OpenProbe(ProbePipeline.openConfig(new String[] {"/var/run/", "/run/", "/tmp/"}),
                                ProbePipeline.NO_PROBLEMS),
                        new ChmodProbe(ProbePipeline.config(ChmodProbeConfig.class, Map.of("ringBufferKib", 16384)),
                                ProbePipeline.NO_PROBLEMS),
                        new ConnectProbe(ProbePipeline.config(ConnectProbeConfig.class, Map.of()), ProbePipeline.NO_PROBLEMS),
                        new MountProbe(ProbePipeline.config(MountProbeConfig.class, Map.of()), ProbePipeline.NO_PROBLEMS)),
                List.of(enricher));
    }

    @AfterAll
    static void stop() throws Exception {
        if (pipe != null) {
            pipe.close();
        }
        if (enricher != null) {
            var m = ContainerEnricher.class.getDeclaredMethod("deactivate");
            m.setAccessible(true);
            m.invoke(enricher);
        }
        for (int i = 0; i < 50 && cgroup != null && Files.exists(cgroup); i++) {
            try {
                Files.delete(cgroup);   // rmdir; EBUSY until the last process in it is reaped
            } catch (java.io.IOException busy) {
                Thread.sleep(50);
            }
        }
    }

    private static String marker() {
        return "rt-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Runs a shell command inside the "container": the shell moves itself into the cgroup first. */
    private static long inContainer(String command) throws Exception {
        return sh("echo $$ > " + cgroup.resolve("cgroup.procs") + "; " + command);
    }

    private static long sh(String script) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor();
        return p.pid();
    }

    private static Predicate<Event> inTheContainer() {
        return e -> containerId.equals(e.header().context().getString("container.id"));
    }

    private static Alert expectAlert(String rule, Predicate<Event> on) throws InterruptedException {
        Alert a = pipe.awaitAlert(rule, on, WAIT_MS).orElseThrow(() -> new AssertionError("no " + rule + " alert; fired: "
                + pipe.alerts.stream().map(Alert::ruleId).distinct().toList() + "; " + pipe.counters() + "; enricher "
                + enricher.counters()));
        assertEquals(containerId, a.event().header().context().getString("container.id"));
        assertTrue(a.message().contains(containerId), "the message names the container: " + a.message());
        return a;
    }

    private static void expectQuiet(String rule, Predicate<Event> twin) throws InterruptedException {
        pipe.awaitEvent(twin, WAIT_MS).orElseThrow(() -> new AssertionError("the twin's event never arrived; "
                + pipe.counters() + "; enricher " + enricher.counters()));
        assertTrue(!pipe.rulesFiredOn(twin).contains(rule), rule + " fired on the benign twin");
    }

    @Test
    void bareShellInAContainerAlertsAndAShellRunningACommandDoesNot() throws Exception {
        String m = marker();
        inContainer("exec bash -i -c ': " + m + "' < /dev/null");
        expectAlert("terminal_shell_in_container", inTheContainer().and(e -> e instanceof ExecEvent x
                && String.join(" ", x.argv()).contains(m)));
        String t = marker();
        inContainer("exec bash -c ': " + t + "'");
        expectQuiet("terminal_shell_in_container", inTheContainer().and(e -> e instanceof ExecEvent x
                && String.join(" ", x.argv()).contains(t)));
    }

    @Test
    void networkToolInAContainerAlertsAndAnOrdinaryToolDoesNot() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(marker()));
        Path tcpdump = Files.copy(Path.of("/bin/true"), dir.resolve("tcpdump"));
        Path tool = Files.copy(Path.of("/bin/true"), dir.resolve("mytool"));
        tcpdump.toFile().setExecutable(true);
        tool.toFile().setExecutable(true);
        String m = marker();
        inContainer("exec " + tcpdump + " -i any " + m);
        expectAlert("network_tool_in_container", e -> e instanceof ExecEvent x && x.argv().contains(m));
        String t = marker();
        inContainer("exec " + tool + " " + t);
        expectQuiet("network_tool_in_container", e -> e instanceof ExecEvent x && x.argv().contains(t));
    }

    @Test
    void runtimeSocketOpenedInAContainerAlertsAndFromTheHostDoesNot() throws Exception {
        long pid = inContainer("exec cat /var/run/docker.sock");
        expectAlert("container_runtime_socket_opened_in_container", e -> e.header().pid() == pid
                && e instanceof OpenEvent o && o.path().equals("/var/run/docker.sock"));
        long twin = sh("exec cat /var/run/docker.sock");
        expectQuiet("container_runtime_socket_opened_in_container", e -> e.header().pid() == twin
                && e instanceof OpenEvent o && o.path().equals("/var/run/docker.sock"));
    }

    @Test
    void runtimeSocketConnectedFromAContainerAlertsAndAnotherUnixSocketDoesNot() throws Exception {
        String connect = "exec /usr/bin/python3 -c \"import socket\ns = socket.socket(socket.AF_UNIX)\n"
                + "try:\n    s.connect('%s')\nexcept OSError:\n    pass\"";
        long pid = inContainer(connect.formatted("/var/run/docker.sock"));
        Alert a = expectAlert("container_runtime_socket_connect_in_container", e -> e.header().pid() == pid
                && e instanceof ConnectEvent);
        assertEquals("/var/run/docker.sock", ((ConnectEvent) a.event()).remoteAddress());
        long twin = inContainer(connect.formatted("/run/" + marker() + ".sock"));
        expectQuiet("container_runtime_socket_connect_in_container", e -> e.header().pid() == twin
                && e instanceof ConnectEvent);
    }

    @Test
    void kubernetesApiPortFromAContainerAlertsAndAnotherPortDoesNot() throws Exception {
        String connect = "exec /usr/bin/python3 -c \"import socket\ns = socket.socket()\n"
                + "try:\n    s.connect(('127.0.0.1', %d))\nexcept OSError:\n    pass\"";
        long pid = inContainer(connect.formatted(6443));
        expectAlert("k8s_api_from_container", e -> e.header().pid() == pid && e instanceof ConnectEvent);
        long twin = inContainer(connect.formatted(8080));
        expectQuiet("k8s_api_from_container", e -> e.header().pid() == twin && e instanceof ConnectEvent);
    }

    @Test
    void chmodPlusXInAContainerAlertsAndChmod644DoesNot() throws Exception {
        Path f = Files.writeString(tmp.resolve("dropper-" + marker()), "#!/bin/sh\n");
        Predicate<Event> onF = e -> e instanceof ChmodEvent c && c.path().equals(f.toString());
        for (int i = 0; i < 3 && pipe.awaitAlert("chmod_exec_in_container", onF, i == 0 ? 0 : WAIT_MS).isEmpty(); i++) {
            inContainer("exec chmod 755 " + f);   // repeated only if a chmod storm elsewhere filled the ring
        }
        expectAlert("chmod_exec_in_container", onF);
        Path g = Files.writeString(tmp.resolve("config-" + marker()), "x\n");
        Predicate<Event> onG = e -> e instanceof ChmodEvent c && c.path().equals(g.toString());
        for (int i = 0; i < 3 && pipe.awaitEvent(onG, i == 0 ? 0 : WAIT_MS).isEmpty(); i++) {
            inContainer("exec chmod 644 " + g);
        }
        expectQuiet("chmod_exec_in_container", onG);
    }

    @Test
    void mountInAContainerAlertsAndTheSameMountOnTheHostDoesNot() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("mnt-" + marker()));
        // private mount namespaces: the tmpfs disappears with the process and the host never sees it
        String mount = "mount -t tmpfs infrasight-%s " + target;
        String m = marker();
        sh("exec unshare -m --propagation private sh -c 'echo $$ > " + cgroup.resolve("cgroup.procs") + "; "
                + mount.formatted(m) + "'");
        expectAlert("mount_in_container", e -> e instanceof MountEvent x && x.source().equals("infrasight-" + m));
        String t = marker();
        sh("exec unshare -m --propagation private sh -c '" + mount.formatted(t) + "'");
        // a process that has exited before enrichment may come out "unknown" rather than "host":
        // either way not a container, which is what the rule must respect
        expectQuiet("mount_in_container", inTheContainer().negate().and(e -> e instanceof MountEvent x
                && x.source().equals("infrasight-" + t)));
    }
}
