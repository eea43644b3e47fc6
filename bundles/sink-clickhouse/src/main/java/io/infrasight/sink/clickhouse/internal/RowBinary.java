package io.infrasight.sink.clickhouse.internal;

import io.infrasight.store.common.Column;
import io.infrasight.store.common.Table;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes rows in ClickHouse's RowBinary format: little-endian fixed-size numbers, strings and
 * arrays prefixed with a LEB128 length. TIME is a UInt32 of seconds for DateTime (18.16) and an
 * Int64 of nanoseconds for DateTime64(9). Reuses one growing buffer: one instance per thread.
 */
final class RowBinary {
    private final boolean nanosTime;
    private byte[] buf = new byte[1 << 20];
    private int pos;

    RowBinary(boolean nanosTime) {
        this.nanosTime = nanosTime;
    }

    /** Encodes the rows; the bytes are {@code buffer()[0, length())} until the next call. */
    void encode(Table table, List<Object[]> rows) {
        pos = 0;
        List<Column> cols = table.columns();
        int n = cols.size();
        for (Object[] row : rows) {
            for (int i = 0; i < n; i++) {
                write(cols.get(i), row[i]);
            }
        }
    }

    byte[] buffer() {
        return buf;
    }

    int length() {
        return pos;
    }

    private void write(Column c, Object v) {
        switch (c.type()) {
            case TIME -> {
                long ns = (Long) v;
                if (nanosTime) {
                    int64(ns);
                } else {
                    int32((int) Math.floorDiv(ns, 1_000_000_000L));
                }
            }
            case INT32 -> int32((Integer) v);
            case INT64 -> int64((Long) v);
            case BOOL -> {
                ensure(1);
                buf[pos++] = (byte) (((Boolean) v) ? 1 : 0);
            }
            case STRING -> string((String) v);
            case STRING_ARRAY -> {
                List<?> list = (List<?>) v;
                varint(list.size());
                for (Object s : list) {
                    string((String) s);
                }
            }
            case INT32_ARRAY -> {
                int[] a = (int[]) v;
                varint(a.length);
                for (int x : a) {
                    int32(x);
                }
            }
            case INT64_ARRAY -> {
                long[] a = (long[]) v;
                varint(a.length);
                for (long x : a) {
                    int64(x);
                }
            }
        }
    }

    private void string(String s) {
        int len = s.length();
        ensure(len + 5);
        boolean ascii = true;
        for (int i = 0; i < len; i++) {
            if (s.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            varint(len);
            for (int i = 0; i < len; i++) {
                buf[pos++] = (byte) s.charAt(i);
            }
        } else {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }
    }

    private void varint(int value) {
        ensure(5);
        long v = value & 0xFFFFFFFFL;
        while (v >= 0x80) {
            buf[pos++] = (byte) (v | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    private void int32(int v) {
        ensure(4);
        buf[pos++] = (byte) v;
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 24);
    }

    private void int64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[pos++] = (byte) (v >>> (8 * i));
        }
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }
}
