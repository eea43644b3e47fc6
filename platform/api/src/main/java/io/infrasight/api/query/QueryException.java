package io.infrasight.api.query;

/** A query that was refused or failed; {@link #reason()} says which, the message says why. */
public final class QueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Not a read-only statement, or more than one statement. */
        NOT_READ_ONLY,
        /** More rows than the limit. */
        ROW_LIMIT,
        /** Ran longer than the timeout and was cancelled. */
        TIMEOUT,
        /** The store cannot be reached or is not started. */
        UNAVAILABLE,
        /** The store rejected the SQL (syntax, unknown table or column, ...). */
        FAILED
    }

    private final Reason reason;

    public QueryException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public QueryException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
