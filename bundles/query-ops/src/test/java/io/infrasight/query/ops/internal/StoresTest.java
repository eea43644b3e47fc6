package io.infrasight.query.ops.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.query.QueryException;
import io.infrasight.api.query.QueryResult;
import io.infrasight.api.query.QueryService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoresTest {
    /** A store that answers with its own name and the limit and timeout it was given. */
    record Named(String store) implements QueryService {
        @Override
        public QueryResult query(String sql, int maxRows, Duration timeout) {
            List<List<Object>> rows = new ArrayList<>();
            rows.add(List.of(store, (long) maxRows, timeout.toSeconds()));
            return new QueryResult(List.of("store", "max_rows", "timeout_s"), rows, 1_000_000);
        }
    }

    @Test
    void clickHouseIsPreferredUnlessAStoreIsConfiguredOrNamed() {
        Stores both = new Stores(List.of(new Named("embedded"), new Named("clickhouse")), "", 1000, Duration.ofSeconds(30));
        assertEquals("clickhouse", both.pick(null).store());
        assertEquals("embedded", both.pick("embedded").store());
        Stores configured = new Stores(List.of(new Named("embedded"), new Named("clickhouse")), "embedded", 1000,
                Duration.ofSeconds(30));
        assertEquals("embedded", configured.pick("").store());
        assertEquals(List.of("embedded", 1000L, 30L), configured.query(null, "SELECT 1", null, null).rows().get(0));
    }

    @Test
    void aMissingStoreIsAClearUnavailableError() {
        QueryException none = assertThrows(QueryException.class,
                () -> new Stores(List.of(), "", 10, Duration.ofSeconds(1)).pick(null));
        assertEquals(QueryException.Reason.UNAVAILABLE, none.reason());
        QueryException named = assertThrows(QueryException.class,
                () -> new Stores(List.of(new Named("embedded")), "", 10, Duration.ofSeconds(1)).pick("clickhouse"));
        assertTrue(named.getMessage().contains("present: [embedded]"), named.getMessage());
    }

    @Test
    void resultsRenderAsAlignedTextAndAsJson() {
        QueryResult r = new Named("embedded").query("", 5, Duration.ofSeconds(2));
        assertEquals("store     max_rows  timeout_s\nembedded  5         2\n1 row in 1 ms\n", ResultText.table(r));
        assertEquals("{\"columns\":[\"store\",\"max_rows\",\"timeout_s\"],\"rows\":[[\"embedded\",5,2]],\"row_count\":1,"
                + "\"elapsed_ms\":1}", ResultText.json(r));
    }

    @Test
    void basicHeadersAreParsedAndMalformedOnesRejected() {
        String ok = "Basic " + Base64.getEncoder().encodeToString("admin:p:w".getBytes());
        assertEquals(List.of("admin", "p:w"), List.of(BasicAuth.parse(ok)));
        assertNull(BasicAuth.parse("Bearer x"));
        assertNull(BasicAuth.parse("Basic !!!"));
        assertNull(BasicAuth.parse(null));
        assertEquals(BasicAuth.Result.UNAUTHENTICATED, new BasicAuth("no-such-realm", "admin").check(ok));
    }
}
