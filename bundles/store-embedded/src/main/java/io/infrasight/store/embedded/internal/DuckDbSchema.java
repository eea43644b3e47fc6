package io.infrasight.store.embedded.internal;

import io.infrasight.store.common.Column;
import io.infrasight.store.common.Retention;
import io.infrasight.store.common.Table;
import io.infrasight.store.common.Tables;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

/**
 * The logical tables in DuckDB, in a schema named {@code infrasight} so that the same qualified
 * names work here and on ClickHouse. Booleans are UTINYINT 0/1 as on ClickHouse 18.16, so the
 * dashboards' {@code = 1} filters read the same. A few ClickHouse functions the dashboards use are
 * defined as macros, so one query set serves both stores.
 */
final class DuckDbSchema {
    static final String SCHEMA = "infrasight";

    private DuckDbSchema() {
    }

    static void apply(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            for (Table t : Tables.ALL) {
                s.execute(create(t));
                Set<String> have = columns(c, t);
                for (Column col : t.columns()) {
                    if (!have.contains(col.name())) {
                        s.execute("ALTER TABLE " + name(t) + " ADD COLUMN IF NOT EXISTS \"" + col.name() + "\" " + type(col));
                    }
                }
            }
            // ClickHouse spellings used by the dashboards and by people used to ClickHouse
            s.execute("CREATE OR REPLACE MACRO toDateTime(x) AS make_timestamp(CAST(x AS BIGINT) * 1000000)");
            s.execute("CREATE OR REPLACE MACRO toUInt32(t) AS CAST(epoch(t) AS BIGINT)");
            s.execute("CREATE OR REPLACE MACRO intDiv(a, b) AS (a // b)");
            s.execute("CREATE OR REPLACE MACRO toStartOfInterval(t, i) AS time_bucket(i, t)");
            s.execute("CREATE OR REPLACE MACRO toYYYYMMDD(t) AS CAST(strftime(t, '%Y%m%d') AS INTEGER)");
            s.execute("CREATE OR REPLACE MACRO has(a, x) AS list_contains(a, x)");
        }
    }

    static Set<String> columns(Connection c, Table t) throws SQLException {
        Set<String> names = new HashSet<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_schema = '"
                        + SCHEMA + "' AND table_name = '" + t.name() + "'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    static String create(Table t) {
        StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(name(t)).append(" (");
        for (int i = 0; i < t.columns().size(); i++) {
            Column c = t.columns().get(i);
            sb.append(i == 0 ? "" : ", ").append('"').append(c.name()).append("\" ").append(type(c));
        }
        return sb.append(')').toString();
    }

    static String name(Table t) {
        return SCHEMA + "." + t.name();
    }

    static String type(Column c) {
        return switch (c.type()) {
            case TIME -> "TIMESTAMP";
            case INT32 -> "INTEGER";
            case INT64 -> "BIGINT";
            case BOOL -> "UTINYINT";
            case STRING -> "VARCHAR";
            case STRING_ARRAY -> "VARCHAR[]";
            case INT32_ARRAY -> "INTEGER[]";
            case INT64_ARRAY -> "BIGINT[]";
        };
    }

    /** Deletes rows older than the first day kept; returns how many went. */
    static long dropExpired(Connection c, int retentionDays, Instant now) throws SQLException {
        if (retentionDays <= 0) {
            return 0;
        }
        long cutoffMicros = Retention.firstDayKept(retentionDays, now).atStartOfDay().toInstant(ZoneOffset.UTC)
                .toEpochMilli() * 1000;
        long deleted = 0;
        try (Statement s = c.createStatement()) {
            for (Table t : Tables.ALL) {
                deleted += s.executeUpdate("DELETE FROM " + name(t) + " WHERE time < make_timestamp(" + cutoffMicros + ")");
            }
            if (deleted > 0) {
                s.execute("CHECKPOINT");
            }
        }
        return deleted;
    }
}
