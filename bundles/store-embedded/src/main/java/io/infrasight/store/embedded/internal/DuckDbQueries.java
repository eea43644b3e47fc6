package io.infrasight.store.embedded.internal;

import io.infrasight.api.query.QueryException;
import io.infrasight.api.query.QueryException.Reason;
import io.infrasight.api.query.QueryResult;
import io.infrasight.api.query.ReadOnlySql;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Read-only queries on a connection of their own. Besides {@link ReadOnlySql}, the database runs
 * without external access (no files, no extensions) and with its configuration locked. A result
 * longer than the limit is refused, not cut; a query past its timeout is cancelled.
 */
final class DuckDbQueries {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

    private DuckDbQueries() {
    }

    static QueryResult run(Connection c, ScheduledExecutorService timer, String sql, int maxRows, Duration timeout) {
        String statement = ReadOnlySql.check(sql);
        long start = System.nanoTime();
        AtomicBoolean timedOut = new AtomicBoolean();
        try (Statement s = c.createStatement()) {
            ScheduledFuture<?> cancel = timer.schedule(() -> {
                timedOut.set(true);
                try {
                    s.cancel();
                } catch (SQLException ignored) {
                    // the query finished meanwhile
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            try (ResultSet rs = s.executeQuery(statement)) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    columns.add(md.getColumnLabel(i));
                }
                List<List<Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    if (rows.size() == maxRows) {
                        throw new QueryException(Reason.ROW_LIMIT, "Refused: the result has more than " + maxRows
                                + " rows; add a LIMIT or narrow the query.");
                    }
                    if (timedOut.get()) {
                        throw timeout(timeout);
                    }
                    List<Object> row = new ArrayList<>(columns.size());
                    for (int i = 1; i <= columns.size(); i++) {
                        row.add(value(rs.getObject(i)));
                    }
                    rows.add(row);
                }
                return new QueryResult(columns, rows, System.nanoTime() - start);
            } finally {
                cancel.cancel(false);
            }
        } catch (SQLException e) {
            if (timedOut.get()) {
                throw timeout(timeout);
            }
            throw new QueryException(Reason.FAILED, "DuckDB: " + firstLine(e.getMessage()));
        }
    }

    private static QueryException timeout(Duration timeout) {
        return new QueryException(Reason.TIMEOUT, "The query ran past its timeout of " + timeout.toSeconds()
                + " s and was cancelled.");
    }

    static Object value(Object v) throws SQLException {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : b.toString();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Timestamp t) {
            return TIME.format(t.toLocalDateTime());
        }
        if (v instanceof LocalDateTime t) {
            return TIME.format(t);
        }
        if (v instanceof Array a) {
            Object[] items = (Object[]) a.getArray();
            List<Object> l = new ArrayList<>(items.length);
            for (Object o : items) {
                l.add(value(o));
            }
            return l;
        }
        return v.toString();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "error";
        }
        int nl = s.indexOf('\n');
        return nl > 0 ? s.substring(0, nl) : s;
    }
}
