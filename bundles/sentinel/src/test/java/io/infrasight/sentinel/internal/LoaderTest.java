package io.infrasight.sentinel.internal;

import static io.infrasight.sentinel.internal.Ev.exec;
import static io.infrasight.sentinel.internal.Ev.open;
import static io.infrasight.sentinel.internal.Ev.proc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.sentinel.RuleProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule files: problems named with file, line and reason; everything else keeps running. */
class LoaderTest {
    private final Harness h = new Harness(0, 0);

    private List<RuleProblem> load(String name, String yaml) {
        h.sentinel.putSource("etc", name, yaml);
        return h.sentinel.recompile();
    }

    @Test
    void yamlSyntaxErrorRejectsTheFileWithItsLine() {
        List<RuleProblem> p = load("/r/broken.yaml", """
                - rule: a
                  desc: d
                  kinds: [exec]
                  condition: proc.name = x
                    output: bad indentation
                """);
        assertEquals(1, p.size(), p.toString());
        assertEquals("/r/broken.yaml", p.get(0).source());
        assertEquals(5, p.get(0).line(), p.get(0).message());
        assertTrue(p.get(0).reason().startsWith("YAML syntax"), p.get(0).reason());
    }

    @Test
    void badRuleIsRejectedWithLineAndReasonWhileTheOthersRun() {
        List<RuleProblem> p = load("/r/mixed.yaml", """
                - rule: first
                  desc: d
                  kinds: [exec]
                  condition: proc.name = one
                  output: one %proc.name
                  priority: info

                - rule: typo
                  desc: d
                  kinds: [exec]
                  condition: proc.nmae = two
                  output: two
                  priority: info

                - rule: wrong_kind_field
                  desc: d
                  kinds: [exec]
                  condition: open.path = /etc/shadow
                  output: x
                  priority: info

                - rule: bad_severity
                  desc: d
                  kinds: [exec]
                  condition: proc.name = three
                  output: x
                  priority: scary

                - rule: last
                  desc: d
                  kinds: [exec]
                  condition: proc.name = four and user.uid >= 1000
                  output: four %user.uid
                  priority: notice
                """);
        assertEquals(3, p.size(), p.toString());
        assertEquals(8, p.get(0).line());
        assertTrue(p.get(0).reason().contains("unknown field or macro 'proc.nmae'"), p.get(0).reason());
        assertEquals(15, p.get(1).line());
        assertTrue(p.get(1).reason().contains("field 'open.path' does not exist for kind(s) exec"), p.get(1).reason());
        assertEquals(22, p.get(2).line());
        assertTrue(p.get(2).reason().contains("severity: 'scary'"), p.get(2).reason());
        assertEquals(List.of("first", "last"), h.sentinel.rules().stream().map(r -> r.id()).toList());
        assertEquals(List.of("last"), h.ruleIds(exec(proc("four"), "/bin/four", "four")));
    }

    @Test
    void packNeedingANewerEngineIsSkippedWithTheReason() {
        List<RuleProblem> p = load("/r/future.yaml", """
                - required_engine_version: 99
                - rule: future
                  desc: d
                  kinds: [exec]
                  condition: proc.name = x
                  output: x
                  priority: info
                """);
        assertEquals(1, p.size());
        assertEquals(1, p.get(0).line());
        assertTrue(p.get(0).reason().contains("requires engine version 99"), p.get(0).reason());
        assertTrue(h.sentinel.rules().isEmpty());
    }

    @Test
    void macroErrorsNameTheMacroAndWhereItIsDefined() {
        List<RuleProblem> p = load("/r/m.yaml", """
                - macro: m
                  condition: proc.name ==== x
                - rule: uses_m
                  desc: d
                  kinds: [exec]
                  condition: m
                  output: x
                  priority: info
                - macro: loop_a
                  condition: loop_b
                - macro: loop_b
                  condition: loop_a
                - rule: loops
                  desc: d
                  kinds: [exec]
                  condition: loop_a
                  output: x
                  priority: info
                """);
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).reason().contains("in macro 'm' (/r/m.yaml:1)"), p.get(0).reason());
        assertTrue(p.get(1).reason().contains("refers to itself"), p.get(1).reason());
    }

    @Test
    void exceptionsSuppressMatchingTuplesOnly() {
        assertTrue(load("/r/e.yaml", """
                - rule: etc_write
                  desc: d
                  kinds: [open]
                  condition: open.write and open.path startswith /etc/
                  output: "%open.path by %proc.name"
                  priority: warning
                  exceptions:
                    - name: known
                      fields: [proc.name, open.path]
                      comps: [=, startswith]
                      values:
                        - [confd, /etc/app/]
                    - name: by_name
                      fields: proc.name
                      values: [puppet, chef-client]
                """).isEmpty());
        assertTrue(h.ruleIds(open(proc("confd"), "/etc/app/x.conf", Ev.O_WRONLY)).isEmpty());
        assertTrue(h.ruleIds(open(proc("puppet"), "/etc/passwd", Ev.O_WRONLY)).isEmpty());
        assertEquals(List.of("etc_write"), h.ruleIds(open(proc("confd"), "/etc/passwd", Ev.O_WRONLY)));
        assertEquals("/etc/passwd by confd", h.run(open(proc("confd"), "/etc/passwd", Ev.O_WRONLY)).get(0).message());
    }

    @Test
    void outputTemplateWithUnknownFieldIsRejected() {
        List<RuleProblem> p = load("/r/o.yaml", """
                - rule: o
                  desc: d
                  kinds: [exec]
                  condition: proc.name = x
                  output: "%proc.nope"
                  priority: info
                """);
        assertEquals(1, p.size());
        assertTrue(p.get(0).reason().contains("output: unknown field '%proc.nope'"), p.get(0).reason());
    }
}
