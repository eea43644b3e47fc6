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
 * Read-only queries. Besides {@link ReadOnlySql}, the server enforces it too: readonly=1, given
 * after the limits in the same request, so that the limits apply and the query cannot change them
 * (no SET, no SETTINGS clause) nor call table functions; max_result_rows with
 * result_overflow_mode=throw (a long result is refused, not cut); and max_execution_time. Table
 * functions that reach outside the server (url, remote, s3, file, ...) are also refused here,
 * before the server sees them, in case a server is configured more permissively.
 */
final class ClickHouseQueries {
    private static final Pattern FORMAT = Pattern.compile("(?is).*\\bFORMAT\\s+\\w+\\s*$");
    private static final Pattern OUTSIDE = Pattern.compile("(?i)\\b(url|urlCluster|remote|remoteSecure|cluster|"
            + "clusterAllReplicas|s3|s3Cluster|gcs|azureBlobStorage|hdfs|file|input|mysql|postgresql|mongodb|redis|"
            + "sqlite|jdbc|odbc|executable|iceberg|deltaLake|hudi)\\s*\\(");

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
        java.util.regex.Matcher outside = OUTSIDE.matcher(statement);
        if (outside.find()) {
            throw new QueryException(Reason.NOT_READ_ONLY, "Refused: the table function " + outside.group(1)
                    + "() (queries read the store only).");
        }
        long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
        Map<String, String> settings = new LinkedHashMap<>();
        // buffer the result on the server: an error after the first rows then still gets an error status
        settings.put("wait_end_of_query", "1");
        settings.put("database", database);
        settings.put("default_format", "TabSeparatedWithNamesAndTypes");
        settings.put("max_result_rows", Integer.toString(maxRows));
        settings.put("result_overflow_mode", "throw");
        settings.put("max_execution_time", Long.toString(seconds));
        settings.put("readonly", "1"); // last: the settings above apply, nothing after can change them
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
