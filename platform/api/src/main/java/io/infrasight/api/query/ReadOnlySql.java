package io.infrasight.api.query;

import java.util.Locale;
import java.util.Set;

/**
 * A conservative check that SQL is one read-only statement, shared by every store so that they
 * refuse the same things. It does not parse SQL; it tokenises just enough to skip string literals,
 * quoted identifiers and comments, and then:
 * <ul>
 * <li>refuses a second statement (a {@code ;} followed by anything but whitespace);</li>
 * <li>requires the first keyword to be SELECT, WITH, SHOW, DESCRIBE or DESC (after opening
 * parentheses);</li>
 * <li>refuses any write or side-effect keyword anywhere, because {@code WITH ... INSERT},
 * {@code SELECT ... INTO OUTFILE} and friends are valid in some dialects.</li>
 * </ul>
 * A false refusal (a column literally named {@code delete}) is the price: quote such names.
 * Stores add their own server-side guard (ClickHouse readonly mode, DuckDB without external access).
 */
public final class ReadOnlySql {
    private static final Set<String> FIRST = Set.of("SELECT", "WITH", "SHOW", "DESCRIBE", "DESC");
    private static final Set<String> FORBIDDEN = Set.of("INSERT", "UPDATE", "DELETE", "DROP", "ALTER", "CREATE",
            "ATTACH", "DETACH", "COPY", "INTO", "OUTFILE", "SET", "PRAGMA", "INSTALL", "LOAD", "EXPORT", "IMPORT",
            "TRUNCATE", "RENAME", "OPTIMIZE", "KILL", "GRANT", "REVOKE", "CALL", "CHECKPOINT", "VACUUM", "UPSERT",
            "MERGE", "EXCHANGE", "SYSTEM", "USE", "BEGIN", "COMMIT", "ROLLBACK",
            // a ClickHouse SELECT ... SETTINGS clause could lift the row limit or the timeout
            "SETTINGS");

    private ReadOnlySql() {
    }

    /**
     * @return the statement without a trailing semicolon, ready to send
     * @throws QueryException with reason NOT_READ_ONLY, naming what was refused
     */
    public static String check(String sql) {
        if (sql == null || sql.isBlank()) {
            throw refuse("the query is empty");
        }
        String first = null;
        int end = sql.length();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(sql, i, c);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int nl = sql.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                if (close < 0) {
                    throw refuse("an unterminated /* comment");
                }
                i = close + 2;
            } else if (c == ';') {
                if (!sql.substring(i + 1).isBlank()) {
                    throw refuse("more than one statement (only one SELECT is allowed)");
                }
                end = i;
                i = n;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                    i++;
                }
                boolean qualified = start > 0 && sql.charAt(start - 1) == '.';
                String word = sql.substring(start, i).toUpperCase(Locale.ROOT);
                if (first == null) {
                    first = word;
                    if (!FIRST.contains(word)) {
                        throw refuse("'" + sql.substring(start, i) + "' statements (only SELECT, WITH, SHOW and DESCRIBE are allowed)");
                    }
                } else if (!qualified && !(i < n && sql.charAt(i) == '.') && FORBIDDEN.contains(word)) {
                    // "system.parts" or "t.delete" are names, not keywords
                    throw refuse("the keyword " + word + " (queries are read-only)");
                }
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '.')) {
                    i++;
                }
            } else {
                i++;
            }
        }
        if (first == null) {
            throw refuse("a query without a statement");
        }
        return sql.substring(0, end).strip();
    }

    private static int skipQuoted(String sql, int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2; // doubled quote inside the literal
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        throw refuse("an unterminated " + quote + " quote");
    }

    private static QueryException refuse(String what) {
        return new QueryException(QueryException.Reason.NOT_READ_ONLY, "Refused: " + what + ".");
    }
}
