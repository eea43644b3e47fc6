package io.infrasight.api.spi;

/**
 * The state of a source or probe as data, so that status, shell, web console and metrics can show it.
 *
 * @param state  one of STARTING, RUNNING, STOPPED, FAILED, DISABLED
 * @param reason why, when not RUNNING; empty otherwise
 */
public record SourceState(String state, String reason) {
    public static final String STARTING = "STARTING";
    public static final String RUNNING = "RUNNING";
    public static final String STOPPED = "STOPPED";
    public static final String FAILED = "FAILED";
    public static final String DISABLED = "DISABLED";

    public SourceState {
        reason = reason == null ? "" : reason;
    }

    public static SourceState running() {
        return new SourceState(RUNNING, "");
    }

    public static SourceState failed(String reason) {
        return new SourceState(FAILED, reason);
    }

    public static SourceState of(String state) {
        return new SourceState(state, "");
    }
}
