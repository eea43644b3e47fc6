package io.infrasight.sentinel.internal.lang;

import io.infrasight.api.event.EventKind;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * A value a condition may read. Reading a field is the only thing a condition can do with the
 * event: there is no way to name a class, call a method or reach anything but these accessors.
 */
public final class Field {
    public enum Type { STRING, NUMBER, BOOLEAN, LIST }

    final String name;
    final Type type;
    /** Kinds the field exists for; all kinds for header and enrichment fields. */
    final Set<EventKind> kinds;
    final String doc;
    private final Function<Frame, String> str;
    private final ToLongFunction<Frame> num;
    private final Predicate<Frame> bool;
    private final Function<Frame, List<String>> list;

    private Field(String name, Type type, Set<EventKind> kinds, String doc, Function<Frame, String> str,
            ToLongFunction<Frame> num, Predicate<Frame> bool, Function<Frame, List<String>> list) {
        this.name = name;
        this.type = type;
        this.kinds = kinds;
        this.doc = doc;
        this.str = str;
        this.num = num;
        this.bool = bool;
        this.list = list;
    }

    static Field str(String name, Set<EventKind> kinds, String doc, Function<Frame, String> f) {
        return new Field(name, Type.STRING, kinds, doc, f, null, null, null);
    }

    static Field num(String name, Set<EventKind> kinds, String doc, ToLongFunction<Frame> f) {
        return new Field(name, Type.NUMBER, kinds, doc, null, f, null, null);
    }

    static Field bool(String name, Set<EventKind> kinds, String doc, Predicate<Frame> f) {
        return new Field(name, Type.BOOLEAN, kinds, doc, null, null, f, null);
    }

    static Field list(String name, Set<EventKind> kinds, String doc, Function<Frame, List<String>> f) {
        return new Field(name, Type.LIST, kinds, doc, null, null, null, f);
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    public Set<EventKind> kinds() {
        return kinds;
    }

    public String doc() {
        return doc;
    }

    boolean availableFor(Set<EventKind> ruleKinds) {
        return kinds.containsAll(ruleKinds);
    }

    String string(Frame f) {
        return str.apply(f);
    }

    long number(Frame f) {
        return num.applyAsLong(f);
    }

    boolean bool(Frame f) {
        return bool.test(f);
    }

    List<String> list(Frame f) {
        return list.apply(f);
    }

    /** The value as text, for output templates; null when absent. */
    String render(Frame f) {
        switch (type) {
            case STRING:
                return string(f);
            case NUMBER:
                return Long.toString(number(f));
            case BOOLEAN:
                return Boolean.toString(bool(f));
            default:
                List<String> l = list(f);
                return l.isEmpty() ? null : String.join(" ", l);
        }
    }

    static final Set<EventKind> ALL = EnumSet.allOf(EventKind.class);
}
