package io.infrasight.sink.clickhouse.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.store.common.Tables;
import org.junit.jupiter.api.Test;

/**
 * The DDL for servers we cannot run here (20.1+; production runs 23.x-26.x). 18.16's DDL is proven
 * by running it (ClickHouseSinkTest); this pins down what a modern server gets.
 */
class DdlTest {

    @Test
    void modernServersGetDateTime64LowCardinalityCodecsAndTtl() {
        Ddl ddl = new Ddl(ServerVersion.parse("24.8.4.13"), "infrasight");
        String t = ddl.createTable(Tables.FILE, 30);
        assertTrue(t.contains("`time` DateTime64(9, 'UTC')"), t);
        assertTrue(t.contains("`kind` LowCardinality(String)"), t);
        assertTrue(t.contains("`time_ns` Int64 CODEC(Delta, ZSTD(1))"), t);
        assertTrue(t.contains("`context` String CODEC(ZSTD(3))"), t);
        assertTrue(t.contains("PARTITION BY toYYYYMMDD(time)\nORDER BY (node, kind, toDateTime(time), pid)"), t);
        assertTrue(t.endsWith("TTL toDateTime(time) + INTERVAL 30 DAY\nSETTINGS ttl_only_drop_parts = 1"), t);
        assertFalse(ddl.createTable(Tables.FILE, 0).contains("TTL"), "retention 0 keeps everything");
    }

    @Test
    void clickHouse18GetsOnlyWhatItHas() {
        Ddl ddl = new Ddl(ServerVersion.parse("18.16.1"), "infrasight");
        String t = ddl.createTable(Tables.EXEC, 30);
        assertTrue(t.contains("`time` DateTime('UTC')"), t);
        assertTrue(t.contains("`argv` Array(String)"), t);
        for (String absent : new String[] {"DateTime64", "LowCardinality", "CODEC", "TTL"}) {
            assertFalse(t.contains(absent), absent + " in " + t);
        }
        assertEquals("ALTER TABLE `infrasight`.`exec_events` ADD COLUMN `cwd` String AFTER `argv_truncated`",
                ddl.addColumn(Tables.EXEC, Tables.EXEC.columns().get(Tables.EXEC.index("cwd")), "argv_truncated"));
    }
}
