package io.infrasight.sink.clickhouse.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.infrasight.api.query.QueryResult;
import io.infrasight.store.common.Column;
import io.infrasight.store.common.Row;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Compares a row read back from ClickHouse with the row that was written, column by column. */
final class ReadBack {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private ReadBack() {
    }

    static void assertRow(Row expected, QueryResult result, int index) {
        List<Object> actual = result.rows().get(index);
        for (int i = 0; i < expected.table().columns().size(); i++) {
            Column c = expected.table().columns().get(i);
            int at = result.columns().indexOf(c.name());
            Object want = expected.values()[i];
            Object got = actual.get(at);
            String where = expected.table().name() + "." + c.name();
            switch (c.type()) {
                case TIME -> assertEquals(SECONDS.format(Instant.ofEpochSecond(Math.floorDiv((Long) want, 1_000_000_000L))),
                        got, where);
                case INT32 -> assertEquals(((Integer) want).longValue(), got, where);
                case INT64 -> assertEquals(want, got, where);
                case BOOL -> assertEquals(((Boolean) want) ? 1L : 0L, got, where);
                case STRING -> assertEquals(want, got, where);
                case STRING_ARRAY -> assertEquals(want, parseArray((String) got), where);
                case INT32_ARRAY -> assertEquals(ints((int[]) want), parseArray((String) got), where);
                case INT64_ARRAY -> assertEquals(longs((long[]) want), parseArray((String) got), where);
            }
        }
    }

    private static List<String> ints(int[] a) {
        List<String> l = new ArrayList<>();
        for (int x : a) {
            l.add(Integer.toString(x));
        }
        return l;
    }

    private static List<String> longs(long[] a) {
        List<String> l = new ArrayList<>();
        for (long x : a) {
            l.add(Long.toString(x));
        }
        return l;
    }

    /** ClickHouse's text form of an array: [1,2] or ['a','b\'c']. */
    static List<String> parseArray(String text) {
        List<String> out = new ArrayList<>();
        int i = 1;
        int end = text.length() - 1;
        while (i < end) {
            char c = text.charAt(i);
            if (c == '\'') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (text.charAt(i) != '\'') {
                    char d = text.charAt(i);
                    if (d == '\\') {
                        char n = text.charAt(++i);
                        sb.append(switch (n) {
                            case 't' -> '\t';
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            case '0' -> '\0';
                            default -> n;
                        });
                    } else {
                        sb.append(d);
                    }
                    i++;
                }
                out.add(sb.toString());
                i++;
            } else if (c == ',') {
                i++;
            } else {
                int start = i;
                while (i < end && text.charAt(i) != ',') {
                    i++;
                }
                out.add(text.substring(start, i));
            }
        }
        return out;
    }
}
