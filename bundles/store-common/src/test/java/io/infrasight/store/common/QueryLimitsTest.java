package io.infrasight.store.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.infrasight.api.query.QueryException;
import io.infrasight.api.status.ConfigProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryLimitsTest {
    @Test
    void aCallerMayAskForLessButNeverForMoreThanTheConfiguredLimits() {
        QueryLimits limits = new QueryLimits(100, Duration.ofSeconds(5));
        assertEquals(7, limits.rows(7));
        assertEquals(100, limits.rows(1_000_000));
        assertEquals(Duration.ofSeconds(2), limits.timeout(Duration.ofSeconds(2)));
        assertEquals(Duration.ofSeconds(5), limits.timeout(Duration.ofMinutes(10)));
        QueryException e = assertThrows(QueryException.class, () -> limits.rows(0));
        assertEquals(QueryException.Reason.FAILED, e.reason());
    }

    @Test
    void badConfiguredLimitsAreReportedAndTheDefaultsUsed() {
        List<ConfigProblem> found = new ArrayList<>();
        QueryLimits limits = QueryLimits.read("io.infrasight.test", () -> 0, () -> -1, found);
        assertEquals(new QueryLimits(10000, Duration.ofSeconds(30)), limits);
        assertEquals(List.of("query.max.rows", "query.timeout.s"), found.stream().map(ConfigProblem::property).toList());
    }
}
