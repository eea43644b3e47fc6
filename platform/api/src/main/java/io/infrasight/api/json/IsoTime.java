package io.infrasight.api.json;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * ISO-8601 UTC timestamps with nanoseconds ({@code 2026-11-27T10:34:45.123456789Z}). The date part is
 * cached per second, so formatting costs little at high event rates. Not thread-safe: one per thread.
 */
public final class IsoTime {
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedPrefix = "";

    public void append(StringBuilder sb, long epochNanos) {
        long second = Math.floorDiv(epochNanos, 1_000_000_000L);
        int nanos = (int) Math.floorMod(epochNanos, 1_000_000_000L);
        if (second != cachedSecond) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
            cachedPrefix = String.format("%04d-%02d-%02dT%02d:%02d:%02d.", t.getYear(), t.getMonthValue(),
                    t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
            cachedSecond = second;
        }
        sb.append(cachedPrefix);
        String n = Integer.toString(nanos);
        for (int i = n.length(); i < 9; i++) {
            sb.append('0');
        }
        sb.append(n).append('Z');
    }

    public String format(long epochNanos) {
        StringBuilder sb = new StringBuilder(30);
        append(sb, epochNanos);
        return sb.toString();
    }
}
