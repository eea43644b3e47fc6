package io.infrasight.sentinel.internal.lang;

/** A condition, template or rule that cannot be compiled; the message is the reason shown to users. */
public final class CompileException extends Exception {
    private static final long serialVersionUID = 1L;

    public CompileException(String reason) {
        super(reason, null, false, false);
    }
}
