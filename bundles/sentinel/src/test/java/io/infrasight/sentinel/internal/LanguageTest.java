package io.infrasight.sentinel.internal;

import static io.infrasight.sentinel.internal.Ev.O_RDONLY;
import static io.infrasight.sentinel.internal.Ev.exec;
import static io.infrasight.sentinel.internal.Ev.open;
import static io.infrasight.sentinel.internal.Ev.proc;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.infrasight.api.event.Context;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.ExecEvent;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The condition language's operators on the fields of one exec and one open event. */
class LanguageTest {
    private static final Event EXEC = exec(proc("bash").with("proc.ancestors", List.of("sshd", "systemd")),
            "/usr/bin/bash", "bash", "-c", "echo hi");
    private static final Event OPEN = open(proc("cat"), "/etc/ssh/sshd_config", O_RDONLY);
    private static final Event RESOURCE = Ev.resource(proc("sh"), 2_000_000_000L, 5000);
    private static final Event BARE = new ExecEvent(new EventHeader(EventKind.EXEC, 0, 0, 1, 1, 0, 0, 0, 0, 0, "x", 0,
            0, "", Context.EMPTY), "/x", List.of("x"), false, "", false, false);

    @ParameterizedTest(name = "[{0}] {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "exec | proc.name = bash | true",
        "exec | proc.name == bash and user.uid = 1000 | true",
        "exec | proc.name != bash | false",
        "exec | user.uid >= 1000 and user.uid < 1001 | true",
        "exec | user.uid > 1000 or user.uid <= 999 | false",
        "exec | proc.pid in (1, 4711, 0x10) | true",
        "exec | user.uid & 0x3e8 | true",
        "exec | exec.filename startswith /usr/ and exec.filename endswith /bash | true",
        "exec | proc.cmdline contains 'echo hi' | true",
        "exec | proc.cmdline icontains 'ECHO' | true",
        "exec | exec.filename glob '/usr/*/ba?h' | true",
        "exec | exec.filename pmatch (/usr/bin, /opt) | true",
        "exec | exec.filename pmatch (/usr/bi) | false",
        "exec | exec.argv contains -c | true",
        "exec | exec.argv in (-x, -c) | true",
        "exec | proc.ancestors intersects (sshd, nginx) | true",
        "exec | proc.pname = sshd | true",
        "exec | not (proc.name in (sh, dash)) | true",
        "exec | exec.memfd | false",
        "exec | not exec.memfd and exec.deleted = false | true",
        "exec | user.name = alice and ctx.user.name exists | true",
        "exec | container.id exists and container.id != host | false",
        "exec | proc.args = '-c echo hi' | true",
        "open | open.read and not open.write | true",
        "open | open.dirname = /etc/ssh and open.basename = sshd_config | true",
        "open | file.path startswith /etc | true",
        "open | open.flags = 0 and evt.kind = open | true",
        "bare | user.name exists | false",
        "bare | user.name != alice | false",
        "bare | container.id = host | false",
        "bare | proc.ancestors intersects (sshd) | false",
        "bare | not container.id exists | true",
        "exec | exec.filename = '${java.home}' | false",
        "resource | resource.forks > 1000 and proc.name = sh | true",
        "resource | resource.cpu_ns >= 2000000000 and resource.interval_ns = 10000000000 | true",
        "resource | resource.lifecycle = running and resource.threads = 1 and resource.rss_bytes > 0 | true",
        "resource | resource.forks < 1000 | false",
    })
    void conditionsEvaluateAsDocumented(String on, String condition, boolean expected) {
        Harness h = new Harness(0, 0);
        Set<EventKind> kinds = on.equals("open") ? Set.of(EventKind.OPEN)
                : on.equals("resource") ? Set.of(EventKind.RESOURCE) : Set.of(EventKind.EXEC);
        h.sentinel.putSource("etc", "/t.yaml", """
                - rule: t
                  desc: d
                  kinds: [%s]
                  condition: "%s"
                  output: o
                  priority: info
                """.formatted(kinds.iterator().next().id(), condition.replace("\"", "\\\"")));
        assertEquals(List.of(), h.sentinel.recompile());
        Event e = on.equals("open") ? OPEN : on.equals("exec") ? EXEC : on.equals("resource") ? RESOURCE : BARE;
        assertEquals(expected, !h.run(e).isEmpty(), condition);
    }
}
