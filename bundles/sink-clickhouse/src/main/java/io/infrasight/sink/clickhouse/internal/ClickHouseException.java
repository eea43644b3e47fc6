package io.infrasight.sink.clickhouse.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The server answered with an error: its code (0 when none could be read) and text. */
final class ClickHouseException extends Exception {
    private static final long serialVersionUID = 1L;
    private static final Pattern CODE = Pattern.compile("Code:\\s*(\\d+)");

    static final int UNKNOWN_TABLE = 60;
    static final int UNKNOWN_DATABASE = 81;
    static final int TIMEOUT_EXCEEDED = 159;
    static final int READONLY = 164;
    static final int TOO_MANY_ROWS_OR_BYTES = 396;

    private final int code;
    private final int httpStatus;

    ClickHouseException(int httpStatus, String codeHeader, String body) {
        super(trim(body));
        this.httpStatus = httpStatus;
        this.code = parseCode(codeHeader, body);
    }

    int code() {
        return code;
    }

    int httpStatus() {
        return httpStatus;
    }

    /**
     * True when the data or statement itself is wrong (parse errors, type mismatches, unknown
     * columns), so that sending it again cannot succeed. Everything else (overload, memory limits,
     * authentication being fixed, a table being re-created) is worth retrying.
     */
    boolean isBadData() {
        return switch (code) {
            case 6, 16, 26, 27, 32, 33, 38, 41, 43, 44, 47, 53, 62, 69, 70, 72, 117, 130, 131, 173 -> true;
            default -> false;
        };
    }

    static int parseCode(String header, String body) {
        if (header != null && !header.isBlank()) {
            try {
                return Integer.parseInt(header.trim());
            } catch (NumberFormatException ignored) {
                // fall back to the body
            }
        }
        Matcher m = CODE.matcher(body == null ? "" : body);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static String trim(String body) {
        String b = body == null ? "" : body.strip();
        // 18.16 appends ", e.what() = DB::Exception"; it adds nothing for a reader
        int what = b.indexOf(", e.what() =");
        if (what > 0) {
            b = b.substring(0, what);
        }
        return b.length() > 1000 ? b.substring(0, 1000) + "..." : b;
    }
}
