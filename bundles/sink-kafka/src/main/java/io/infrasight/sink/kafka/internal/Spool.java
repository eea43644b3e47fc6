package io.infrasight.sink.kafka.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * A bounded on-disk FIFO of records, in segment files {@code <id>.spool} (ids ascending = order).
 * Each record is {@code [int length][int crc32c][seq][topic][key][value]}; a record cut short by a
 * crash, or one whose checksum is wrong, ends its segment's useful content (counted as corrupt).
 * <p>
 * The reader is separate from the commit point: records are read, sent, and only when the broker
 * has acknowledged them is the commit point moved past them ({@link #commit}); fully committed
 * segments are deleted. {@link #rewind} goes back to the commit point after a failed replay.
 * Segments found at start (an agent that stopped during an outage) are replayed first.
 * <p>
 * Used by one thread only (the sink's sender); {@link #bytes()} and {@link #records()} may be read
 * from any thread.
 */
final class Spool implements AutoCloseable {
    private static final int HEADER = 8;
    private static final long FIRST_ID = 1L << 40;

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final TreeMap<Long, Long> segments = new TreeMap<>(); // id -> size in bytes
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer writeBuf = ByteBuffer.allocate(1 << 18);
    private FileChannel tail;
    private long tailId = -1;
    private long nextId;
    private volatile long bytes;
    private volatile long records;
    private long corrupt;

    // read position and commit point: (segment id, byte offset)
    private long readSeg = -1;
    private long readPos;
    private long commitSeg = -1;
    private long commitPos;
    private FileChannel readChannel;
    private long readChannelSeg = -1;
    private final ByteBuffer readBuf = ByteBuffer.allocate(1 << 20);
    private long readBufStart = -1;

    Spool(Path dir, long maxBytes, long segmentBytes) throws IOException {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
        Files.createDirectories(dir);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.spool")) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                long id = Long.parseLong(name.substring(0, name.length() - ".spool".length()));
                long size = Files.size(p);
                if (size == 0) {
                    Files.delete(p);
                    continue;
                }
                segments.put(id, size);
                bytes += size;
            }
        } catch (NumberFormatException e) {
            throw new IOException("unexpected file in spool directory " + dir, e);
        }
        // start high so that prepend() always finds a lower id
        nextId = segments.isEmpty() ? FIRST_ID : segments.lastKey() + 1;
        // records of earlier runs are unknown in number; count them as one each until read
        records = segments.size();
        if (!segments.isEmpty()) {
            readSeg = commitSeg = segments.firstKey();
        }
    }

    /** Appends at the end; false when the spool is full. */
    boolean append(OutRecord r) {
        int size = HEADER + payloadSize(r);
        if (bytes + size > maxBytes) {
            return false;
        }
        try {
            if (tail == null || segments.get(tailId) + size > segmentBytes) {
                openTail();
            }
            write(r, size);
            segments.merge(tailId, (long) size, Long::sum);
            bytes += size;
            records++;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("spool write failed in " + dir, e);
        }
    }

    /**
     * Writes records ahead of everything appended since the spool was empty: they get a segment
     * id below the current tail. Used for records that were in flight when an outage began, which
     * are older than any record spooled after it. Ignores the size bound: those records were
     * already accepted (they were in the producer's bounded buffer).
     */
    void prepend(List<OutRecord> recs) throws IOException {
        if (recs.isEmpty()) {
            return;
        }
        flush();
        long id = segments.isEmpty() ? nextId++ : segments.firstKey() - 1;
        Path p = path(id);
        long size = 0;
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 18);
            for (OutRecord r : recs) {
                int n = HEADER + payloadSize(r);
                if (buf.remaining() < n) {
                    buf.flip();
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    buf.clear();
                    if (buf.remaining() < n) {
                        buf = ByteBuffer.allocate(n);
                    }
                }
                encode(buf, r, n);
                size += n;
            }
            buf.flip();
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        }
        segments.put(id, size);
        bytes += size;
        records += recs.size();
        readSeg = commitSeg = id;
        readPos = commitPos = 0;
    }

    /** The next record after the read position, or null when everything spooled has been read. */
    OutRecord next() throws IOException {
        while (true) {
            if (readSeg < 0) {
                if (segments.isEmpty()) {
                    return null;
                }
                readSeg = segments.firstKey();
                readPos = 0;
            }
            Long size = segments.get(readSeg);
            if (size == null) {
                Long higher = segments.higherKey(readSeg);
                if (higher == null) {
                    return null;
                }
                readSeg = higher;
                readPos = 0;
                continue;
            }
            if (readSeg == tailId) {
                flush();
            }
            if (readPos + HEADER <= size) {
                OutRecord r = readAt(size);
                if (r != null) {
                    return r;
                }
                corrupt++;
                readPos = size; // the rest of this segment cannot be trusted
            }
            Long higher = segments.higherKey(readSeg);
            if (higher == null) {
                return null;
            }
            readSeg = higher;
            readPos = 0;
        }
    }

    /** Where the read position is now, to commit up to it later. */
    long[] position() {
        return new long[] {readSeg, readPos};
    }

    /** Moves the commit point to a position from {@link #position()}; deletes segments left behind. */
    void commit(long seg, long pos, int count) throws IOException {
        records = Math.max(0, records - count);
        commitSeg = seg;
        commitPos = pos;
        while (!segments.isEmpty() && segments.firstKey() < seg) {
            delete(segments.firstKey());
        }
        Long size = segments.get(seg);
        if (size != null && pos >= size) {
            delete(seg);
        }
        if (segments.isEmpty()) {
            records = 0;
        }
    }

    /** Back to the commit point: what was read but not committed is read again. */
    void rewind() {
        readSeg = commitSeg;
        readPos = commitPos;
        if (readSeg >= 0 && !segments.containsKey(readSeg)) {
            Long higher = segments.higherKey(readSeg);
            readSeg = higher == null ? -1 : higher;
            readPos = 0;
        }
    }

    /** True when every spooled record has been committed. */
    boolean drained() {
        for (Map.Entry<Long, Long> e : segments.entrySet()) {
            long unread = e.getKey() == commitSeg ? e.getValue() - commitPos
                    : e.getKey() < commitSeg ? 0 : e.getValue();
            if (unread > 0) {
                return false;
            }
        }
        return true;
    }

    long bytes() {
        return bytes;
    }

    long records() {
        return records;
    }

    long corrupt() {
        return corrupt;
    }

    /** Writes buffered appends to the file (page cache; no fsync: a crash may lose the last ones). */
    void flush() throws IOException {
        if (tail != null && writeBuf.position() > 0) {
            writeBuf.flip();
            while (writeBuf.hasRemaining()) {
                tail.write(writeBuf);
            }
            writeBuf.clear();
        }
    }

    @Override
    public void close() throws IOException {
        flush();
        if (tail != null) {
            tail.close();
            tail = null;
        }
        closeReader();
    }

    private void openTail() throws IOException {
        flush();
        if (tail != null) {
            tail.close();
        }
        tailId = nextId++;
        tail = FileChannel.open(path(tailId), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        segments.put(tailId, 0L);
        if (readSeg < 0) {
            readSeg = commitSeg = tailId;
            readPos = commitPos = 0;
        }
    }

    private void write(OutRecord r, int size) throws IOException {
        if (writeBuf.remaining() < size) {
            flush();
        }
        if (writeBuf.remaining() < size) {
            ByteBuffer big = ByteBuffer.allocate(size);
            encode(big, r, size);
            big.flip();
            while (big.hasRemaining()) {
                tail.write(big);
            }
            return;
        }
        encode(writeBuf, r, size);
    }

    private static int payloadSize(OutRecord r) {
        return 8 + 2 + r.topic().getBytes(StandardCharsets.UTF_8).length + 4 + r.key().length + r.value().length;
    }

    private void encode(ByteBuffer buf, OutRecord r, int size) {
        byte[] topic = r.topic().getBytes(StandardCharsets.UTF_8);
        int start = buf.position();
        buf.putInt(size - HEADER).putInt(0).putLong(r.seq()).putShort((short) topic.length).put(topic)
                .putInt(r.key().length).put(r.key()).put(r.value());
        crc.reset();
        crc.update(buf.array(), buf.arrayOffset() + start + HEADER, size - HEADER);
        buf.putInt(start + 4, (int) crc.getValue());
    }

    private OutRecord readAt(long size) throws IOException {
        ByteBuffer head = slice(readPos, HEADER, size);
        if (head == null) {
            return null;
        }
        int len = head.getInt();
        int sum = head.getInt();
        if (len < 14 || readPos + HEADER + len > size) {
            return null;
        }
        ByteBuffer body = slice(readPos + HEADER, len, size);
        if (body == null) {
            return null;
        }
        crc.reset();
        crc.update(body.duplicate());
        if ((int) crc.getValue() != sum) {
            return null;
        }
        long seq = body.getLong();
        byte[] topic = new byte[body.getShort()];
        body.get(topic);
        byte[] key = new byte[body.getInt()];
        body.get(key);
        byte[] value = new byte[body.remaining()];
        body.get(value);
        readPos += HEADER + len;
        return new OutRecord(seq, new String(topic, StandardCharsets.UTF_8), key, value);
    }

    /** n bytes at pos of the read segment, through a 1 MiB read-ahead buffer. */
    private ByteBuffer slice(long pos, int n, long size) throws IOException {
        if (readChannelSeg != readSeg) {
            closeReader();
            readChannel = FileChannel.open(path(readSeg), StandardOpenOption.READ);
            readChannelSeg = readSeg;
        }
        if (n > readBuf.capacity()) {
            ByteBuffer big = ByteBuffer.allocate(n);
            readFully(big, pos);
            return big.flip();
        }
        if (readBufStart < 0 || pos < readBufStart || pos + n > readBufStart + readBuf.limit()) {
            readBuf.clear();
            readBuf.limit((int) Math.min(readBuf.capacity(), size - pos));
            readFully(readBuf, pos);
            readBuf.flip();
            readBufStart = pos;
            if (readBuf.limit() < n) {
                return null;
            }
        }
        int off = (int) (pos - readBufStart);
        return readBuf.duplicate().position(off).limit(off + n).slice();
    }

    private void readFully(ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int r = readChannel.read(b, pos + b.position());
            if (r < 0) {
                break;
            }
        }
    }

    private void closeReader() throws IOException {
        if (readChannel != null) {
            readChannel.close();
            readChannel = null;
            readChannelSeg = -1;
            readBufStart = -1;
        }
    }

    private void delete(long id) throws IOException {
        Long size = segments.remove(id);
        if (size != null) {
            bytes -= size;
        }
        if (id == readChannelSeg) {
            closeReader();
        }
        if (id == tailId) {
            tail.close();
            tail = null;
            tailId = -1;
            writeBuf.clear();
        }
        Files.deleteIfExists(path(id));
    }

    private Path path(long id) {
        return dir.resolve(String.format("%020d.spool", id));
    }

    Map<Long, Long> segmentsForTest() {
        return Map.copyOf(segments);
    }
}
