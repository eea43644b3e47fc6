package io.infrasight.sentinel.internal;

import static io.infrasight.sentinel.internal.Ev.O_RDONLY;
import static io.infrasight.sentinel.internal.Ev.open;
import static io.infrasight.sentinel.internal.Ev.root;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.sentinel.internal.command.RulesCommandView;
import org.junit.jupiter.api.Test;

/** What infrasight:rules prints: counters per rule, packs with their state, and rejected rules. */
class RulesCommandTest {
    @Test
    void listsRuleCountersPacksAndRejectedRules() throws Exception {
        Harness h = new Harness(0, 0);
        h.loadDefaultPack();
        h.sentinel.putSource("etc", "/etc/rules/bad.yaml", """
                - rule: broken
                  desc: d
                  kinds: [exec]
                  condition: proc.nope = 1
                  output: o
                  priority: info
                """);
        h.sentinel.recompile();
        h.run(open(root("cat"), "/etc/shadow", O_RDONLY));
        String out = RulesCommandView.render(h.sentinel, null, "alerts");
        String line = out.lines().filter(l -> l.startsWith("read_sensitive_file_untrusted")).findFirst().orElseThrow();
        assertTrue(line.matches("read_sensitive_file_untrusted\\s+WARNING\\s+open\\s+1\\s+1\\s+1\\s+0\\s+\\d+"), line);
        assertTrue(out.contains("bundle   loaded     38 rules  io.infrasight.rules.default!/rules/infrasight-default.yaml (1.0.0)"), out);
        assertTrue(out.contains("/etc/rules/bad.yaml:1 [broken]: condition: unknown field or macro 'proc.nope'"), out);
    }
}
