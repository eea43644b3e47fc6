package io.infrasight.sink.clickhouse.internal;

import io.infrasight.store.common.Column;
import io.infrasight.store.common.Table;
import io.infrasight.store.common.Tables;

/**
 * The DDL of the logical tables for one server version. Both flavours partition by day (so that
 * retention drops whole partitions on every version) and sort by node, kind, time and process: the
 * dashboards and the usual questions filter on node and kind over a time range, then on a pid.
 */
final class Ddl {
    private final ServerVersion version;
    private final String database;

    Ddl(ServerVersion version, String database) {
        this.version = version;
        this.database = database;
    }

    String createDatabase() {
        return "CREATE DATABASE IF NOT EXISTS " + quote(database);
    }

    String createTable(Table t, int retentionDays) {
        StringBuilder sb = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(name(t)).append(" (\n");
        for (int i = 0; i < t.columns().size(); i++) {
            Column c = t.columns().get(i);
            sb.append("    ").append(quote(c.name())).append(' ').append(type(c));
            sb.append(i + 1 < t.columns().size() ? ",\n" : "\n");
        }
        sb.append(") ENGINE = MergeTree\nPARTITION BY toYYYYMMDD(time)\nORDER BY ").append(orderBy(t));
        if (version.modern() && retentionDays > 0) {
            // an extra on servers that have TTL; dropping partitions does the job everywhere
            sb.append("\nTTL toDateTime(time) + INTERVAL ").append(retentionDays).append(" DAY");
            sb.append("\nSETTINGS ttl_only_drop_parts = 1");
        }
        return sb.toString();
    }

    String addColumn(Table t, Column c, String after) {
        return "ALTER TABLE " + name(t) + " ADD COLUMN " + quote(c.name()) + " " + type(c)
                + (after == null ? "" : " AFTER " + quote(after));
    }

    String orderBy(Table t) {
        if (t == Tables.ALERTS) {
            return "(time, rule_id)";
        }
        // on DateTime64 the key uses whole seconds so that pid still groups rows within a second
        return version.modern() ? "(node, kind, toDateTime(time), pid)" : "(node, kind, time, pid)";
    }

    String name(Table t) {
        return quote(database) + "." + quote(t.name());
    }

    String type(Column c) {
        boolean modern = version.modern();
        return switch (c.type()) {
            case TIME -> modern ? "DateTime64(9, 'UTC')" : "DateTime('UTC')";
            case INT32 -> "Int32";
            case INT64 -> modern && c.name().endsWith("_ns") ? "Int64 CODEC(Delta, ZSTD(1))" : "Int64";
            case BOOL -> "UInt8";
            case STRING -> c.lowCardinality() && modern ? "LowCardinality(String)"
                    : modern && isBlob(c) ? "String CODEC(ZSTD(3))" : "String";
            case STRING_ARRAY -> "Array(String)";
            case INT32_ARRAY -> "Array(Int32)";
            case INT64_ARRAY -> "Array(Int64)";
        };
    }

    private static boolean isBlob(Column c) {
        return c.name().equals("context") || c.name().equals("event") || c.name().equals("details");
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
