package io.infrasight.sink.clickhouse.internal;

import io.infrasight.store.common.Column;
import io.infrasight.store.common.Retention;
import io.infrasight.store.common.Table;
import io.infrasight.store.common.Tables;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and migrates the schema, idempotently: CREATE ... IF NOT EXISTS, then every column the
 * model has and the table lacks is added (18.16 has no ADD COLUMN IF NOT EXISTS, so we compare with
 * system.columns). Columns are never dropped or retyped automatically; that needs an operator.
 */
final class Schema {
    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

    private final ClickHouseHttp http;
    private final String database;

    Schema(ClickHouseHttp http, String database) {
        this.http = http;
        this.database = database;
    }

    /** @return the server version, with the DDL it got; the statements run are logged at DEBUG */
    ServerVersion apply(int retentionDays) throws IOException, ClickHouseException {
        ServerVersion version = ServerVersion.parse(http.execute("SELECT version()"));
        Ddl ddl = new Ddl(version, database);
        http.execute(ddl.createDatabase());
        for (Table t : Tables.ALL) {
            http.execute(ddl.createTable(t, retentionDays));
        }
        Map<String, Set<String>> existing = columns();
        int added = 0;
        for (Table t : Tables.ALL) {
            Set<String> have = existing.getOrDefault(t.name(), Set.of());
            String previous = null;
            for (Column c : t.columns()) {
                if (!have.contains(c.name())) {
                    http.execute(ddl.addColumn(t, c, previous));
                    added++;
                }
                previous = c.name();
            }
        }
        LOG.info("ClickHouse {} at {}: schema {} ready ({} tables, {} columns added)", version.text(), http.url(),
                database, Tables.ALL.size(), added);
        return version;
    }

    Map<String, Set<String>> columns() throws IOException, ClickHouseException {
        String tsv = http.execute("SELECT table, name FROM system.columns WHERE database = '" + escape(database)
                + "' FORMAT TabSeparated");
        Map<String, Set<String>> m = new HashMap<>();
        for (String line : tsv.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                m.computeIfAbsent(line.substring(0, tab), k -> new HashSet<>()).add(line.substring(tab + 1));
            }
        }
        return m;
    }

    /** Drops the daily partitions older than the first day kept; returns what was dropped ("table/yyyymmdd"). */
    List<String> dropExpired(int retentionDays, Instant now) throws IOException, ClickHouseException {
        List<String> dropped = new ArrayList<>();
        if (retentionDays <= 0) {
            return dropped;
        }
        int firstKept = Retention.yyyymmdd(Retention.firstDayKept(retentionDays, now));
        Set<String> ours = new HashSet<>();
        Tables.ALL.forEach(t -> ours.add(t.name()));
        String tsv = http.execute("SELECT DISTINCT table, partition FROM system.parts WHERE database = '"
                + escape(database) + "' AND active FORMAT TabSeparated");
        for (String line : tsv.split("\n")) {
            int tab = line.indexOf('\t');
            if (tab <= 0) {
                continue;
            }
            String table = line.substring(0, tab);
            String partition = line.substring(tab + 1).replace("'", "");
            int day;
            try {
                day = Integer.parseInt(partition);
            } catch (NumberFormatException notOurs) {
                continue;
            }
            if (ours.contains(table) && day < firstKept) {
                http.execute("ALTER TABLE " + Ddl.quote(database) + "." + Ddl.quote(table) + " DROP PARTITION " + day);
                dropped.add(table + "/" + day);
            }
        }
        if (!dropped.isEmpty()) {
            LOG.info("Retention ({} days): dropped partitions {}", retentionDays, dropped);
        }
        return dropped;
    }

    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("'", "\\'");
    }
}
