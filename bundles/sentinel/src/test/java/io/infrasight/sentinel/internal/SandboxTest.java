package io.infrasight.sentinel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.alert.AlertGate;
import io.infrasight.sentinel.RuleProblem;
import io.infrasight.sentinel.internal.engine.Sentinel;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Conditions are a closed language over event fields: anything that reaches for classes, methods,
 * reflection or I/O is refused when the rule loads, with the reason, and the rule never runs.
 */
class SandboxTest {

    @ParameterizedTest(name = "{0} is rejected at load: {1}")
    @CsvSource(delimiter = '|', value = {
        "java.lang.Runtime.getRuntime().exec('id') | method and function calls are not allowed",
        "proc.name.getClass().forName('java.lang.System') = x | method and function calls are not allowed",
        "T(java.lang.System).exit(0) | method and function calls are not allowed",
        "new java.io.File('/etc/shadow').exists() | method and function calls are not allowed",
        "proc.name.class = java.lang.String | unknown field or macro 'proc.name.class'",
        "''.getClass | expected a field, macro",
        "System.exit | unknown field or macro 'System.exit'",
        "open.path = x and Class.forName = y | unknown field or macro 'Class.forName'",
        "Files.readString(open.path) = x | method and function calls are not allowed",
        "proc.name = x; Runtime.getRuntime | unexpected 'Runtime.getRuntime'",
        "#{T(java.lang.Runtime)} | method and function calls are not allowed",
        "proc.name = a or exec(\"rm\") | method and function calls are not allowed",
    })
    void classMethodReflectionAndIoAttemptsFailAtLoadWithAClearReason(String condition, String reason) {
        Sentinel s = new Sentinel(new AlertGate<>(0, 0, 100), System::nanoTime, System::currentTimeMillis);
        s.putSource("etc", "/etc/rules/evil.yaml", """
                - rule: good
                  desc: a rule that is fine
                  kinds: [open]
                  condition: open.path = /etc/shadow
                  output: ok %%proc.name
                  priority: warning
                - rule: evil
                  desc: tries to escape the sandbox
                  kinds: [open]
                  condition: '%s'
                  output: x
                  priority: warning
                """.formatted(condition.replace("'", "''")));
        List<RuleProblem> problems = s.recompile();
        assertEquals(1, problems.size(), problems.toString());
        RuleProblem p = problems.get(0);
        assertEquals("/etc/rules/evil.yaml", p.source());
        assertEquals(7, p.line(), "the line of the rejected rule");
        assertEquals("evil", p.item());
        assertTrue(p.reason().contains(reason), p.reason());
        assertEquals(List.of("good"), s.rules().stream().map(r -> r.id()).toList(), "the other rule keeps running");
    }

    @ParameterizedTest(name = "YAML tag {0} constructs nothing")
    @CsvSource(delimiter = '|', value = {
        "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1/\"]]]]",
        "!!java.io.FileInputStream [/etc/shadow]",
    })
    void yamlTagsCannotInstantiateClasses(String tagged) {
        Sentinel s = new Sentinel(new AlertGate<>(0, 0, 100), System::nanoTime, System::currentTimeMillis);
        s.putSource("etc", "/etc/rules/tags.yaml", """
                - list: x
                  items: %s
                - rule: r
                  desc: d
                  kinds: [exec]
                  condition: proc.name in (x)
                  output: o
                  priority: info
                """.formatted(tagged));
        List<RuleProblem> problems = s.recompile();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).reason().contains("Global tag is not allowed"), problems.get(0).reason());
        assertEquals(2, problems.get(0).line());
    }
}
