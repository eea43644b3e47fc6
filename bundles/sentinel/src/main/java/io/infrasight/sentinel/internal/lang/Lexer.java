package io.infrasight.sentinel.internal.lang;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a condition into words, quoted strings, symbols and parentheses. Words are runs of
 * anything but blanks, quotes, parentheses, commas and comparison symbols, so paths such as
 * {@code /etc/shadow} need no quotes.
 */
final class Lexer {
    enum T { WORD, STRING, SYMBOL, LPAREN, RPAREN, COMMA, END }

    record Token(T type, String text, int pos) {
        boolean is(T t, String s) {
            return type == t && text.equals(s);
        }

        boolean word(String s) {
            return type == T.WORD && text.equals(s);
        }
    }

    private static final String SYMBOL_CHARS = "=!<>&";

    private Lexer() {
    }

    static List<Token> lex(String src) throws CompileException {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                out.add(new Token(T.LPAREN, "(", i++));
            } else if (c == ')') {
                out.add(new Token(T.RPAREN, ")", i++));
            } else if (c == ',') {
                out.add(new Token(T.COMMA, ",", i++));
            } else if (c == '"' || c == '\'') {
                int start = i++;
                StringBuilder sb = new StringBuilder();
                while (i < n && src.charAt(i) != c) {
                    char d = src.charAt(i++);
                    if (d == '\\' && i < n) {
                        d = src.charAt(i++);
                    }
                    sb.append(d);
                }
                if (i >= n) {
                    throw new CompileException("unterminated string starting at column " + (start + 1));
                }
                i++;
                out.add(new Token(T.STRING, sb.toString(), start));
            } else if (SYMBOL_CHARS.indexOf(c) >= 0) {
                int start = i;
                while (i < n && SYMBOL_CHARS.indexOf(src.charAt(i)) >= 0) {
                    i++;
                }
                String sym = src.substring(start, i);
                if (!List.of("=", "==", "!=", "<", "<=", ">", ">=", "&").contains(sym)) {
                    throw new CompileException("unknown operator '" + sym + "' at column " + (start + 1));
                }
                out.add(new Token(T.SYMBOL, sym, start));
            } else {
                int start = i;
                while (i < n && !Character.isWhitespace(src.charAt(i)) && "()\"',".indexOf(src.charAt(i)) < 0
                        && SYMBOL_CHARS.indexOf(src.charAt(i)) < 0) {
                    i++;
                }
                String w = src.substring(start, i);
                // name( is the shape of a method or function call: refuse it here with the reason,
                // before it could be mistaken for anything else
                if (i < n && src.charAt(i) == '(' && !Parser.KEYWORDS_BEFORE_LIST.contains(w)) {
                    throw new CompileException("method and function calls are not allowed in conditions ('" + w
                            + "(' at column " + (start + 1) + "); conditions can only compare event fields");
                }
                out.add(new Token(T.WORD, w, start));
            }
        }
        out.add(new Token(T.END, "", n));
        return out;
    }
}
