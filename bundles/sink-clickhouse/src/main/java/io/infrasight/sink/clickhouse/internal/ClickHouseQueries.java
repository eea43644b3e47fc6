package io.infrasight.sink.clickhouse.internal;

import io.infrasight.api.query.QueryException;
import io.infrasight.api.query.QueryException.Reason;
import io.infrasight.api.query.QueryResult;
import io.infrasight.api.query.ReadOnlySql;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Read-only queries. Besides {@link ReadOnlySql}, the server enforces it too: readonly=2 (reads
 * only, settings still allowed so that the limits below can be set), max_result_rows with
 * result_overflow_mode=throw (a long result is refused, not cut), and max_execution_time.
 */
final class ClickHouseQueries {
    private static final Pattern FORMAT = Pattern.compile("(?is).*\\bFORMAT\\s+\\w+\\s*$");

    private final ClickHouseHttp http;
    private final String database;

    ClickHouseQueries(ClickHouseHttp http, String database) {
        this.http = http;
        this.database = database;
    }

    QueryResult query(String sql, int maxRows, Duration timeout) {
        String statement = ReadOnlySql.check(sql);
        if (FORMAT.matcher(statement).matches()) {
            throw new QueryException(Reason.FAILED, "Refused: the query service chooses the output FORMAT; remove it.");
        }
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("readonly", "2");
        // buffer the result on the server: an error after the first rows then still gets an error status
        settings.put("wait_end_of_query", "1");
        settings.put("database", database);
        settings.put("default_format", "TabSeparatedWithNamesAndTypes");
        settings.put("max_result_rows", Integer.toString(maxRows));
        settings.put("result_overflow_mode", "throw");
        settings.put("max_execution_time", Long.toString(seconds));
        long start = System.nanoTime();
        String body;
        try {
            // the client waits a little longer than the server so that the server's clear error wins
            body = http.execute(statement, settings, (int) (seconds * 1000 + 5000));
        } catch (SocketTimeoutException e) {
            throw new QueryException(Reason.TIMEOUT, "The query ran past its timeout of " + seconds + " s.", e);
        } catch (IOException e) {
            throw new QueryException(Reason.UNAVAILABLE, "ClickHouse at " + http.url() + " is unavailable: " + e, e);
        } catch (ClickHouseException e) {
            throw translate(e, maxRows, seconds);
        }
        TsvResult.Parsed p = TsvResult.parse(body);
        return new QueryResult(p.columns(), p.rows(), System.nanoTime() - start);
    }

    private static QueryException translate(ClickHouseException e, int maxRows, long seconds) {
        return switch (e.code()) {
            case ClickHouseException.TOO_MANY_ROWS_OR_BYTES -> new QueryException(Reason.ROW_LIMIT,
                    "Refused: the result has more than " + maxRows + " rows; add a LIMIT or narrow the query.");
            case ClickHouseException.TIMEOUT_EXCEEDED -> new QueryException(Reason.TIMEOUT,
                    "The query ran past its timeout of " + seconds + " s and was cancelled.");
            case ClickHouseException.READONLY -> new QueryException(Reason.NOT_READ_ONLY,
                    "Refused by the server: queries are read-only (" + e.getMessage() + ").");
            default -> new QueryException(Reason.FAILED, "ClickHouse: " + e.getMessage());
        };
    }
}
