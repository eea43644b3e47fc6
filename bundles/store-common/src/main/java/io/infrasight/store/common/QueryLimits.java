package io.infrasight.store.common;

import io.infrasight.api.query.QueryException;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigValues;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * A store's bounds on queries ({@code query.max.rows}, {@code query.timeout.s}): a caller may ask
 * for less, never for more. Read defensively like the rest of a store's configuration.
 */
public record QueryLimits(int maxRows, Duration timeout) {
    public static QueryLimits read(String pid, Supplier<Integer> maxRows, Supplier<Integer> timeoutSeconds,
            List<ConfigProblem> found) {
        int rows = ConfigValues.read(pid, "query.max.rows", maxRows, v -> v >= 1, "must be at least 1", 10000, found);
        Duration timeout = Duration.ofSeconds(ConfigValues.read(pid, "query.timeout.s", timeoutSeconds,
                v -> v >= 1, "must be at least 1", 30, found));
        return new QueryLimits(rows, timeout);
    }

    /** The rows a query may return: what was asked, up to {@link #maxRows}; fewer than 1 is refused. */
    public int rows(int requested) {
        if (requested < 1) {
            throw new QueryException(QueryException.Reason.FAILED, "The row limit must be at least 1.");
        }
        return Math.min(requested, maxRows);
    }

    /** The time a query may take: what was asked, up to {@link #timeout}. */
    public Duration timeout(Duration requested) {
        return requested.compareTo(timeout) > 0 ? timeout : requested;
    }
}
