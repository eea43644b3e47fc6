package io.infrasight.store.common;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands the macros of Grafana's ClickHouse data source (grafana-clickhouse-datasource,
 * pkg/macros/macros.go) the way the plugin does, so that the dashboards' SQL can be run by tests and
 * by the query service: {@code $__timeFilter(c)}, {@code $__fromTime}, {@code $__toTime},
 * {@code $__timeInterval(c)}, {@code $__interval_s}. For the embedded store (DuckDB) the same
 * macros expand to DuckDB's equivalents, which is how one query set serves both stores. The
 * millisecond variants are left out on purpose: they need fromUnixTimestamp64Milli, which
 * ClickHouse 18.16 lacks, so the dashboards do not use them. Nor do they use {@code $__timeInterval}:
 * the plugin expands it to toStartOfInterval, unknown to 18.16; the dashboards bucket with
 * {@code toDateTime(intDiv(toUInt32(time), $__interval_s) * $__interval_s)}, which every server line
 * runs (and the embedded store through compatibility macros).
 */
public final class GrafanaMacros {
    public enum Dialect { CLICKHOUSE, DUCKDB }

    private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(\\s*([^)]+?)\\s*\\)");
    private static final Pattern TIME_INTERVAL = Pattern.compile("\\$__timeInterval\\(\\s*([^)]+?)\\s*\\)");

    private GrafanaMacros() {
    }

    /**
     * @param fromSeconds     the dashboard's "from" as Unix seconds
     * @param toSeconds       its "to"
     * @param intervalSeconds Grafana's $__interval for the panel, at least 1
     */
    public static String expand(String sql, Dialect dialect, long fromSeconds, long toSeconds, long intervalSeconds) {
        long interval = Math.max(1, intervalSeconds);
        String from = time(dialect, fromSeconds);
        String to = time(dialect, toSeconds);
        String s = replace(TIME_FILTER, sql, c -> c + " >= " + from + " AND " + c + " <= " + to);
        s = replace(TIME_INTERVAL, s, c -> dialect == Dialect.CLICKHOUSE
                ? "toStartOfInterval(toDateTime(" + c + "), INTERVAL " + interval + " second)"
                : "time_bucket(INTERVAL '" + interval + " seconds', " + c + ")");
        return s.replace("$__fromTime", from).replace("$__toTime", to)
                .replace("$__interval_s", Long.toString(interval));
    }

    private static String time(Dialect d, long seconds) {
        return d == Dialect.CLICKHOUSE ? "toDateTime(" + seconds + ")" : "make_timestamp(" + seconds * 1_000_000L + ")";
    }

    private static String replace(Pattern p, String sql, java.util.function.UnaryOperator<String> f) {
        Matcher m = p.matcher(sql);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(f.apply(m.group(1))));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
