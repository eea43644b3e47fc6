package io.infrasight.api.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReadOnlySqlTest {

    @Test
    void selectsWithAndShowPassAndLoseTheirTrailingSemicolon() {
        assertEquals("SELECT 1", ReadOnlySql.check("SELECT 1;  "));
        assertEquals("with x as (select 1) select * from x", ReadOnlySql.check("with x as (select 1) select * from x"));
        assertEquals("SHOW TABLES", ReadOnlySql.check("SHOW TABLES"));
        assertEquals("(SELECT 1) UNION ALL (SELECT 2)", ReadOnlySql.check("(SELECT 1) UNION ALL (SELECT 2)"));
        ReadOnlySql.check("DESCRIBE infrasight.exec_events");
    }

    @Test
    void keywordsInsideLiteralsQuotedNamesAndCommentsAreNotRefused() {
        ReadOnlySql.check("SELECT 'drop table x; insert' AS s, \"delete\" FROM t -- insert here\n WHERE a = 'it''s'");
        ReadOnlySql.check("SELECT count() FROM system.parts /* drop */");
        ReadOnlySql.check("SELECT name, value FROM system.settings WHERE changed");
        ReadOnlySql.check("SELECT e.`update` FROM t AS e");
    }

    @Test
    void writesAndSecondStatementsAreRefusedWithTheReason() {
        assertRefused("INSERT INTO t VALUES (1)", "'INSERT' statements");
        assertRefused("SELECT 1; DROP TABLE t", "more than one statement");
        assertRefused("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x", "INSERT");
        assertRefused("SELECT * FROM t INTO OUTFILE '/tmp/x'", "INTO");
        assertRefused("ATTACH '/tmp/x.db'", "'ATTACH' statements");
        assertRefused("  ", "empty");
        assertRefused("SELECT 'unterminated", "unterminated");
        assertRefused("COPY t TO '/tmp/x'", "'COPY' statements");
        assertRefused("/* only a comment */", "without a statement");
        assertRefused("SELECT * FROM numbers(10) SETTINGS max_result_rows = 0", "SETTINGS");
    }

    private static void assertRefused(String sql, String expected) {
        QueryException e = assertThrows(QueryException.class, () -> ReadOnlySql.check(sql));
        assertEquals(QueryException.Reason.NOT_READ_ONLY, e.reason());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
