package io.infrasight.sentinel.internal.load;

import io.infrasight.api.alert.Severity;
import io.infrasight.api.event.EventKind;
import io.infrasight.sentinel.RuleProblem;
import io.infrasight.sentinel.internal.engine.CompiledRule;
import io.infrasight.sentinel.internal.engine.RuleCounters;
import io.infrasight.sentinel.internal.lang.CompileException;
import io.infrasight.sentinel.internal.lang.Cond;
import io.infrasight.sentinel.internal.lang.Parser;
import io.infrasight.sentinel.internal.lang.Template;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Merges rule files in load order (lists, macros and rules share one namespace, later entries
 * override or append to earlier ones, as in Falco) and compiles every rule on its own: a rule that
 * fails is reported with its file, line and reason, and the others are unaffected.
 */
public final class PackCompiler {
    public static final int ENGINE_VERSION = 1;

    public record Result(List<CompiledRule> rules, List<RuleProblem> problems, Map<String, Integer> rulesBySource) {
    }

    /** A rule definition after overrides, before compilation. */
    private static final class RuleDef {
        final RuleFile.Item item;
        final String source;
        String condition;
        final List<Object> exceptions = new ArrayList<>();
        boolean enabled = true;

        RuleDef(RuleFile.Item item, String source) {
            this.item = item;
            this.source = source;
        }
    }

    private PackCompiler() {
    }

    public static Result compile(List<RuleFile> files, Map<String, RuleCounters> counters) {
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, List<String>> lists = new LinkedHashMap<>();
        Map<String, Parser.Macro> macros = new LinkedHashMap<>();
        Map<String, RuleDef> rules = new LinkedHashMap<>();
        for (RuleFile f : files) {
            if (f.requiredEngineVersion() > ENGINE_VERSION) {
                problems.add(new RuleProblem(f.name(), f.engineLine(), "", "pack requires engine version "
                        + f.requiredEngineVersion() + " but this Sentinel is version " + ENGINE_VERSION
                        + "; the whole file is skipped"));
                continue;
            }
            for (RuleFile.Item it : f.items()) {
                try {
                    merge(f, it, lists, macros, rules);
                } catch (CompileException e) {
                    problems.add(new RuleProblem(f.name(), it.line(), it.name(), e.getMessage()));
                }
            }
        }
        List<CompiledRule> out = new ArrayList<>();
        Map<String, Integer> bySource = new LinkedHashMap<>();
        int order = 0;
        for (RuleDef d : rules.values()) {
            if (!d.enabled) {
                continue;
            }
            try {
                out.add(compileRule(d, lists, macros::get, order++, counters));
                bySource.merge(d.source, 1, Integer::sum);
            } catch (CompileException e) {
                problems.add(new RuleProblem(d.source, d.item.line(), d.item.name(), e.getMessage()));
            }
        }
        return new Result(out, problems, bySource);
    }

    private static void merge(RuleFile f, RuleFile.Item it, Map<String, List<String>> lists,
            Map<String, Parser.Macro> macros, Map<String, RuleDef> rules) throws CompileException {
        if (it.name().isBlank()) {
            throw new CompileException(it.kind() + " without a name");
        }
        switch (it.kind()) {
            case "list": {
                List<String> items = strings(it.body().get("items"), "items");
                if (it.append() && lists.containsKey(it.name())) {
                    List<String> merged = new ArrayList<>(lists.get(it.name()));
                    merged.addAll(items);
                    items = merged;
                }
                // a list may name other lists: expand them now, so later overrides of those do not leak in
                List<String> expanded = new ArrayList<>();
                for (String s : items) {
                    if (lists.containsKey(s) && !s.equals(it.name())) {
                        expanded.addAll(lists.get(s));
                    } else {
                        expanded.add(s);
                    }
                }
                lists.put(it.name(), expanded);
                return;
            }
            case "macro": {
                String cond = text(it.body().get("condition"), "condition");
                Parser.Macro old = macros.get(it.name());
                if (it.append()) {
                    if (old == null) {
                        throw new CompileException("append to macro '" + it.name() + "' that is not defined before");
                    }
                    cond = old.condition() + " " + cond;
                }
                macros.put(it.name(), new Parser.Macro(it.name(), cond, f.name() + ":" + it.line()));
                return;
            }
            default: {
                RuleDef old = rules.get(it.name());
                boolean override = it.append() || (old != null && it.body().containsKey("enabled")
                        && !it.body().containsKey("condition"));
                if (override) {
                    if (old == null) {
                        throw new CompileException("append to rule '" + it.name() + "' that is not defined before");
                    }
                    if (it.body().containsKey("condition")) {
                        old.condition = old.condition + " " + text(it.body().get("condition"), "condition");
                    }
                    if (it.body().get("exceptions") instanceof List<?> l) {
                        old.exceptions.addAll(l);
                    }
                    if (it.body().containsKey("enabled")) {
                        old.enabled = !"false".equals(String.valueOf(it.body().get("enabled")));
                    }
                    return;
                }
                RuleDef d = new RuleDef(it, f.name());
                d.condition = text(it.body().get("condition"), "condition");
                if (it.body().get("exceptions") instanceof List<?> l) {
                    d.exceptions.addAll(l);
                } else if (it.body().containsKey("exceptions")) {
                    throw new CompileException("exceptions must be a list");
                }
                d.enabled = !"false".equals(String.valueOf(it.body().get("enabled")));
                // a redefinition replaces the rule, keeping its place
                rules.put(it.name(), d);
            }
        }
    }

    private static CompiledRule compileRule(RuleDef d, Map<String, List<String>> lists,
            Function<String, Parser.Macro> macros, int order, Map<String, RuleCounters> counters)
            throws CompileException {
        Map<String, Object> b = d.item.body();
        Set<EventKind> kinds = EnumSet.noneOf(EventKind.class);
        for (String k : strings(b.get("kinds"), "kinds")) {
            try {
                kinds.add(EventKind.parse(k));
            } catch (IllegalArgumentException e) {
                throw new CompileException("kinds: unknown event kind '" + k + "'");
            }
        }
        if (kinds.isEmpty()) {
            throw new CompileException("kinds: a rule names the event kinds it applies to");
        }
        String desc = b.containsKey("desc") ? text(b.get("desc"), "desc") : text(b.get("description"), "desc");
        String sev = b.containsKey("priority") ? text(b.get("priority"), "priority")
                : text(b.get("severity"), "severity");
        Severity severity;
        try {
            severity = Severity.parse(sev);
        } catch (IllegalArgumentException e) {
            throw new CompileException("severity: '" + sev + "' is not one of emergency, alert, critical, error, "
                    + "warning, notice, info, debug");
        }
        List<String> tags = b.containsKey("tags") ? strings(b.get("tags"), "tags") : List.of();
        String condition = d.condition;
        String exceptions = Exceptions.toCondition(d.exceptions);
        if (!exceptions.isEmpty()) {
            condition = "(" + condition + ") and not (" + exceptions + ")";
        }
        Set<String> used = new HashSet<>();
        Cond cond;
        try {
            cond = Parser.compile(condition, lists, macros, kinds, used);
        } catch (CompileException e) {
            throw new CompileException("condition: " + e.getMessage());
        }
        Template output = Template.compile(text(b.get("output"), "output"), kinds);
        RuleCounters c = counters.computeIfAbsent(d.item.name(), x -> new RuleCounters());
        return new CompiledRule(d.item.name(), desc, kinds, severity, tags, cond, output,
                d.source + ":" + d.item.line(), order, c);
    }

    static String text(Object v, String key) throws CompileException {
        if (v == null || v.toString().isBlank()) {
            throw new CompileException(key + " is missing");
        }
        if (!(v instanceof String s)) {
            throw new CompileException(key + " must be text");
        }
        return s.strip();
    }

    static List<String> strings(Object v, String key) throws CompileException {
        if (v == null) {
            throw new CompileException(key + " is missing");
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        if (!(v instanceof List<?> l)) {
            throw new CompileException(key + " must be a list");
        }
        List<String> out = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof String s)) {
                throw new CompileException(key + " must be a list of words");
            }
            out.add(s);
        }
        return out;
    }
}
