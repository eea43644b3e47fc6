package io.infrasight.sentinel.internal.lang;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Turns (field, operator, literal) into a {@link Cond}, checking types once at load. */
final class Ops {
    private Ops() {
    }

    static Cond binary(Field field, String op, String lit) throws CompileException {
        switch (field.type()) {
            case NUMBER: {
                long v = number(field, lit);
                switch (op) {
                    case "=":
                    case "==":
                        return f -> field.number(f) == v;
                    case "!=":
                        return f -> field.number(f) != v;
                    case "<":
                        return f -> field.number(f) < v;
                    case "<=":
                        return f -> field.number(f) <= v;
                    case ">":
                        return f -> field.number(f) > v;
                    case ">=":
                        return f -> field.number(f) >= v;
                    case "&":
                        return f -> (field.number(f) & v) != 0;
                    default:
                        throw wrongOp(field, op);
                }
            }
            case BOOLEAN: {
                if (!lit.equals("true") && !lit.equals("false")) {
                    throw new CompileException("field '" + field.name() + "' is a boolean; '" + lit
                            + "' is not true or false");
                }
                boolean v = Boolean.parseBoolean(lit);
                if (op.equals("=") || op.equals("==")) {
                    return f -> field.bool(f) == v;
                }
                if (op.equals("!=")) {
                    return f -> field.bool(f) != v;
                }
                throw wrongOp(field, op);
            }
            case STRING: {
                Predicate<String> p = stringOp(field, op, lit);
                return f -> {
                    String s = field.string(f);
                    return s != null && p.test(s);
                };
            }
            default: {
                // list fields: the operator holds for at least one element
                Predicate<String> p = op.equals("contains") ? lit::equals : stringOp(field, op, lit);
                return f -> {
                    for (String s : field.list(f)) {
                        if (p.test(s)) {
                            return true;
                        }
                    }
                    return false;
                };
            }
        }
    }

    private static Predicate<String> stringOp(Field field, String op, String lit) throws CompileException {
        switch (op) {
            case "=":
            case "==":
                return lit::equals;
            case "!=":
                return s -> !s.equals(lit);
            case "startswith":
                return s -> s.startsWith(lit);
            case "endswith":
                return s -> s.endsWith(lit);
            case "contains":
                return s -> s.contains(lit);
            case "icontains": {
                String low = lit.toLowerCase(Locale.ROOT);
                return s -> s.toLowerCase(Locale.ROOT).contains(low);
            }
            case "glob": {
                Pattern g = Parser.glob(lit);
                // most values fail on the literal head ("/root/.ssh/" of "/root/.ssh/id_*"): test that
                // first, the regex only for values that pass it
                int wild = firstWildcard(lit);
                String head = lit.substring(0, wild);
                return s -> s.startsWith(head) && g.matcher(s).matches();
            }
            default:
                throw wrongOp(field, op);
        }
    }

    static Cond set(Field field, String op, List<String> items) throws CompileException {
        if (field.type() == Field.Type.NUMBER) {
            if (!op.equals("in")) {
                throw wrongOp(field, op);
            }
            long[] vs = new long[items.size()];
            for (int i = 0; i < vs.length; i++) {
                vs[i] = number(field, items.get(i));
            }
            return f -> {
                long x = field.number(f);
                for (long v : vs) {
                    if (v == x) {
                        return true;
                    }
                }
                return false;
            };
        }
        if (field.type() == Field.Type.BOOLEAN) {
            throw wrongOp(field, op);
        }
        Predicate<String> p;
        if (op.equals("pmatch")) {
            String[] prefixes = items.toArray(String[]::new);
            p = s -> pmatch(s, prefixes);
        } else {
            Set<String> set = new HashSet<>(items);
            p = set::contains;
        }
        if (field.type() == Field.Type.STRING) {
            if (op.equals("intersects")) {
                throw wrongOp(field, op);
            }
            return f -> {
                String s = field.string(f);
                return s != null && p.test(s);
            };
        }
        return f -> {
            for (String s : field.list(f)) {
                if (p.test(s)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static int firstWildcard(String glob) {
        int a = glob.indexOf('*');
        int b = glob.indexOf('?');
        return a < 0 ? (b < 0 ? glob.length() : b) : (b < 0 ? a : Math.min(a, b));
    }

    /** Path-prefix match: the path is one of the prefixes or lies below one of them. */
    static boolean pmatch(String path, String[] prefixes) {
        for (String p : prefixes) {
            if (path.startsWith(p) && (path.length() == p.length() || p.endsWith("/")
                    || path.charAt(p.length()) == '/')) {
                return true;
            }
        }
        return false;
    }

    private static long number(Field field, String lit) throws CompileException {
        try {
            return Long.decode(lit);
        } catch (NumberFormatException e) {
            throw new CompileException("field '" + field.name() + "' is a number; '" + lit + "' is not one");
        }
    }

    private static CompileException wrongOp(Field field, String op) {
        return new CompileException("operator '" + op + "' does not apply to " + field.type().name()
                .toLowerCase(Locale.ROOT) + " field '" + field.name() + "'");
    }
}
