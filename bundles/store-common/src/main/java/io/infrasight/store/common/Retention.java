package io.infrasight.store.common;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Day arithmetic for retention: data is kept for whole UTC days, and whole days are dropped. */
public final class Retention {
    private Retention() {
    }

    /** Days as yyyymmdd (the ClickHouse partition value of toYYYYMMDD). */
    public static int yyyymmdd(LocalDate d) {
        return d.getYear() * 10_000 + d.getMonthValue() * 100 + d.getDayOfMonth();
    }

    /**
     * The first day kept when keeping {@code days} days including today: partitions before it go.
     * With days = 1 only today is kept.
     */
    public static LocalDate firstDayKept(int days, Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(Math.max(1, days) - 1L);
    }
}
