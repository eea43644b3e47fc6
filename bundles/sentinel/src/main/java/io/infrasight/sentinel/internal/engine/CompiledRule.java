package io.infrasight.sentinel.internal.engine;

import io.infrasight.api.alert.Severity;
import io.infrasight.api.event.EventKind;
import io.infrasight.sentinel.internal.lang.Cond;
import io.infrasight.sentinel.internal.lang.Frame;
import io.infrasight.sentinel.internal.lang.Template;
import java.util.List;
import java.util.Set;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rule;

/**
 * A loaded rule as an Easy Rules {@link Rule}: {@code evaluate} runs the compiled condition against
 * the event in the {@link Frame}, {@code execute} records the match for the alert gate. Ordered by
 * load position (Easy Rules' priority), so rules run in the order their packs list them.
 */
public final class CompiledRule implements Rule {
    final String id;
    final String description;
    final Set<EventKind> kinds;
    final Severity severity;
    final List<String> tags;
    final Cond condition;
    final Template output;
    final String source;
    final int order;
    final RuleCounters counters;

    public CompiledRule(String id, String description, Set<EventKind> kinds, Severity severity, List<String> tags,
            Cond condition, Template output, String source, int order, RuleCounters counters) {
        this.id = id;
        this.description = description;
        this.kinds = kinds;
        this.severity = severity;
        this.tags = List.copyOf(tags);
        this.condition = condition;
        this.output = output;
        this.source = source;
        this.order = order;
        this.counters = counters;
    }

    public String id() {
        return id;
    }

    public Set<EventKind> kinds() {
        return kinds;
    }

    public Severity severity() {
        return severity;
    }

    public List<String> tags() {
        return tags;
    }

    public String source() {
        return source;
    }

    public String description() {
        return description;
    }

    public RuleCounters counters() {
        return counters;
    }

    @Override
    public String getName() {
        return id;
    }

    @Override
    public String getDescription() {
        return description;
    }

    @Override
    public int getPriority() {
        return order;
    }

    @Override
    public boolean evaluate(Facts facts) {
        Frame f = (Frame) facts;
        RuleCounters c = counters;
        long n = c.evaluations + 1;
        c.evaluations = n;
        boolean hit;
        try {
            if (n % RuleCounters.SAMPLE_EVERY == 0) {
                long t0 = System.nanoTime();
                hit = condition.test(f);
                c.sampledNanos += System.nanoTime() - t0;
                c.samples++;
            } else {
                hit = condition.test(f);
            }
        } catch (RuntimeException e) {
            // an odd event (say a list with a null) must not stop the other rules
            c.errors++;
            return false;
        }
        if (hit) {
            c.matches++;
        }
        return hit;
    }

    @Override
    public void execute(Facts facts) {
        ((Frame) facts).matched().add(this);
    }

    public String render(Frame f) {
        return output.render(f);
    }

    @Override
    public int compareTo(Rule other) {
        int c = Integer.compare(order, other.getPriority());
        return c != 0 ? c : id.compareTo(other.getName());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompiledRule r && r.id.equals(id) && r.order == order;
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + order;
    }

    @Override
    public String toString() {
        return id;
    }
}
