package io.infrasight.sentinel.internal.engine;

import io.infrasight.api.event.EventKind;
import java.util.ArrayList;
import java.util.List;
import org.jeasy.rules.api.Rules;

/**
 * The rules in force, indexed by event kind: an event is only ever offered to the rules that
 * declared its kind. Immutable; a reload builds a new one and swaps it in.
 */
public final class RuleSet {
    public static final RuleSet EMPTY = new RuleSet(List.of());

    private final List<CompiledRule> all;
    private final Rules[] byKind = new Rules[EventKind.values().length];

    public RuleSet(List<CompiledRule> rules) {
        this.all = List.copyOf(rules);
        List<List<CompiledRule>> lists = new ArrayList<>();
        for (int i = 0; i < byKind.length; i++) {
            lists.add(new ArrayList<>());
        }
        for (CompiledRule r : rules) {
            for (EventKind k : r.kinds) {
                lists.get(k.ordinal()).add(r);
            }
        }
        for (int i = 0; i < byKind.length; i++) {
            Rules set = new Rules();
            lists.get(i).forEach(set::register);
            byKind[i] = lists.get(i).isEmpty() ? null : set;
        }
    }

    /** The rules for a kind, or null when none (the common case for kinds no rule names). */
    public Rules forKind(EventKind k) {
        return byKind[k.ordinal()];
    }

    public List<CompiledRule> all() {
        return all;
    }

    public int size() {
        return all.size();
    }
}
