package io.infrasight.api.query;

import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Read-only SQL over an event store. Implementations refuse anything that is not a single
 * SELECT/WITH/SHOW/DESCRIBE statement ({@link ReadOnlySql}), refuse results longer than the row
 * limit instead of cutting them silently, and cancel queries that run past the timeout. Every
 * refusal is a {@link QueryException} with a reason and a message meant for the operator.
 * <p>
 * Service property {@value #STORE}: the store's name ("clickhouse", "embedded"), so that callers
 * can pick one when several are present.
 */
@ProviderType
public interface QueryService {
    String STORE = "infrasight.store";

    /** Row limit and timeout used when the caller gives none. */
    int DEFAULT_MAX_ROWS = 10_000;
    Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** The store's name, as in the {@value #STORE} property. */
    String store();

    /** @throws QueryException when the SQL is refused, fails, or exceeds the limit or timeout */
    QueryResult query(String sql, int maxRows, Duration timeout);

    default QueryResult query(String sql) {
        return query(sql, DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT);
    }
}
