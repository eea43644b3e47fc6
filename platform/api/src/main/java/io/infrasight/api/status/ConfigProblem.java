package io.infrasight.api.status;

/**
 * A configuration value that was rejected.
 *
 * @param pid      configuration PID (or factory PID with its name)
 * @param property the property
 * @param value    the rejected value as given
 * @param reason   why it was rejected and what was used instead
 */
public record ConfigProblem(String pid, String property, String value, String reason) {
    public String message() {
        return "Configuration " + pid + ": property '" + property + "' = '" + value + "' rejected: " + reason;
    }
}
