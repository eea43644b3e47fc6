package io.infrasight.ops.internal.auth;

/** Outcome of checking a request's credentials. */
public enum Access {
    /** Authenticated and holds the required role. */
    ALLOWED,
    /** No, malformed or wrong credentials: 401. */
    UNAUTHENTICATED,
    /** Authenticated but without the required role: 403. */
    FORBIDDEN
}
