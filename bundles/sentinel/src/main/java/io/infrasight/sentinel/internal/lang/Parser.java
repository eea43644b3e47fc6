package io.infrasight.sentinel.internal.lang;

import io.infrasight.api.event.EventKind;
import io.infrasight.sentinel.internal.lang.Lexer.T;
import io.infrasight.sentinel.internal.lang.Lexer.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Compiles a Falco-style condition into a {@link Cond} tree of small lambdas:
 * <pre>
 * expr    := and ('or' and)*
 * and     := unary ('and' unary)*
 * unary   := 'not' unary | '(' expr ')' | macro | field [op value | 'exists']
 * op      := = == != &lt; &lt;= &gt; &gt;= &amp; startswith endswith contains icontains glob
 *            | in (v, ...) | pmatch (v, ...) | intersects (v, ...)
 * </pre>
 * Values are words or quoted strings; inside a list, a list name is replaced by its items. Missing
 * values (enrichment that is absent) make every comparison false, including {@code !=}.
 */
public final class Parser {
    static final Set<String> KEYWORDS_BEFORE_LIST = Set.of("in", "pmatch", "intersects", "and", "or", "not");
    private static final Set<String> WORD_OPS = Set.of("startswith", "endswith", "contains", "icontains", "glob",
            "in", "pmatch", "intersects", "exists");

    /** A macro as written: its condition text and where it was defined (for error messages). */
    public record Macro(String name, String condition, String where) {
    }

    private final List<Token> tokens;
    private final Map<String, List<String>> lists;
    private final Function<String, Macro> macros;
    private final Set<EventKind> kinds;
    private final Deque<String> macroStack;
    private final Set<String> fieldsUsed;
    private int pos;

    private Parser(String src, Map<String, List<String>> lists, Function<String, Macro> macros, Set<EventKind> kinds,
            Deque<String> macroStack, Set<String> fieldsUsed) throws CompileException {
        this.tokens = Lexer.lex(src);
        this.lists = lists;
        this.macros = macros;
        this.kinds = kinds;
        this.macroStack = macroStack;
        this.fieldsUsed = fieldsUsed;
    }

    /**
     * @param kinds      the rule's kinds: every field used must exist for all of them
     * @param fieldsUsed receives the names of the fields read (for documentation and checks)
     */
    public static Cond compile(String condition, Map<String, List<String>> lists, Function<String, Macro> macros,
            Set<EventKind> kinds, Set<String> fieldsUsed) throws CompileException {
        if (condition == null || condition.isBlank()) {
            throw new CompileException("empty condition");
        }
        return new Parser(condition, lists, macros, kinds, new ArrayDeque<>(), fieldsUsed).parseAll();
    }

    private Cond parseAll() throws CompileException {
        Cond c = or();
        if (peek().type() != T.END) {
            throw error("unexpected '" + peek().text() + "'");
        }
        return c;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private CompileException error(String what) {
        return new CompileException(what + " at column " + (peek().pos() + 1));
    }

    private Cond or() throws CompileException {
        Cond left = and();
        while (peek().word("or")) {
            next();
            Cond a = left;
            Cond b = and();
            left = f -> a.test(f) || b.test(f);
        }
        return left;
    }

    private Cond and() throws CompileException {
        Cond left = unary();
        while (peek().word("and")) {
            next();
            Cond a = left;
            Cond b = unary();
            left = f -> a.test(f) && b.test(f);
        }
        return left;
    }

    private Cond unary() throws CompileException {
        Token t = peek();
        if (t.word("not")) {
            next();
            Cond c = unary();
            return f -> !c.test(f);
        }
        if (t.type() == T.LPAREN) {
            next();
            Cond c = or();
            expect(T.RPAREN, "')'");
            return c;
        }
        if (t.type() != T.WORD) {
            throw error("expected a field, macro, 'not' or '(' but found '" + t.text() + "'");
        }
        next();
        Macro m = macros.apply(t.text());
        if (m != null) {
            return macro(m);
        }
        Field field = Fields.get(t.text());
        if (field == null) {
            throw new CompileException("unknown field or macro '" + t.text() + "' at column " + (t.pos() + 1)
                    + " (conditions can only read event fields; see docs/rules.md for the list)");
        }
        if (!field.availableFor(kinds)) {
            Set<EventKind> missing = new HashSet<>(kinds);
            missing.removeAll(field.kinds());
            throw new CompileException("field '" + field.name() + "' does not exist for kind(s) "
                    + missing.stream().map(EventKind::id).sorted().collect(Collectors.joining(", ")));
        }
        fieldsUsed.add(field.name());
        return comparison(field);
    }

    private Cond macro(Macro m) throws CompileException {
        if (macroStack.contains(m.name())) {
            throw new CompileException("macro '" + m.name() + "' refers to itself (" + String.join(" -> ", macroStack)
                    + " -> " + m.name() + ")");
        }
        macroStack.push(m.name());
        try {
            return new Parser(m.condition(), lists, macros, kinds, macroStack, fieldsUsed).parseAll();
        } catch (CompileException e) {
            if (e.getMessage().startsWith("in macro ")) {
                throw e;
            }
            throw new CompileException("in macro '" + m.name() + "' (" + m.where() + "): " + e.getMessage());
        } finally {
            macroStack.pop();
        }
    }

    private void expect(T type, String what) throws CompileException {
        if (peek().type() != type) {
            throw error("expected " + what + " but found '" + (peek().type() == T.END ? "end" : peek().text()) + "'");
        }
        next();
    }

    private Cond comparison(Field field) throws CompileException {
        Token op = peek();
        boolean isOp = op.type() == T.SYMBOL || (op.type() == T.WORD && WORD_OPS.contains(op.text()));
        if (!isOp) {
            if (field.type() != Field.Type.BOOLEAN) {
                throw error("field '" + field.name() + "' is a " + field.type().name().toLowerCase(Locale.ROOT)
                        + "; compare it with an operator");
            }
            return field::bool;
        }
        next();
        String o = op.text();
        if (o.equals("exists")) {
            return exists(field);
        }
        if (o.equals("in") || o.equals("pmatch") || o.equals("intersects")) {
            return Ops.set(field, o, listValue());
        }
        Token v = next();
        if (v.type() != T.WORD && v.type() != T.STRING) {
            throw new CompileException("expected a value after '" + o + "' at column " + (v.pos() + 1));
        }
        return Ops.binary(field, o, v.text());
    }

    private static Cond exists(Field field) {
        switch (field.type()) {
            case STRING:
                return f -> {
                    String s = field.string(f);
                    return s != null && !s.isEmpty();
                };
            case LIST:
                return f -> !field.list(f).isEmpty();
            default:
                return f -> true;
        }
    }

    /** ( a, b, list_name, "c d" ) or a bare list name. */
    private List<String> listValue() throws CompileException {
        List<String> out = new ArrayList<>();
        if (peek().type() == T.WORD && lists.containsKey(peek().text())) {
            out.addAll(lists.get(next().text()));
            return out;
        }
        expect(T.LPAREN, "'(' starting a list");
        while (peek().type() != T.RPAREN) {
            Token t = next();
            if (t.type() == T.WORD && lists.containsKey(t.text())) {
                out.addAll(lists.get(t.text()));
            } else if (t.type() == T.WORD || t.type() == T.STRING) {
                out.add(t.text());
            } else {
                throw new CompileException("unexpected '" + t.text() + "' in a list at column " + (t.pos() + 1));
            }
            if (peek().type() == T.COMMA) {
                next();
            } else if (peek().type() != T.RPAREN) {
                throw error("expected ',' or ')' in a list but found '" + peek().text() + "'");
            }
        }
        next();
        return out;
    }

    /** Glob with * and ? only; everything else literal. */
    static Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        for (char c : g.toCharArray()) {
            if (c == '*') {
                re.append(".*");
            } else if (c == '?') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
