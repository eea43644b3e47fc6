package io.infrasight.sink.jsonl.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An append-only file that rotates by size: {@code f} becomes {@code f.1}, {@code f.1} becomes
 * {@code f.2}, and so on up to {@code keep} files. Called from one thread only (the bus worker).
 */
final class RotatingFile implements AutoCloseable {
    private final Path path;
    private final long maxBytes;
    private final int keep;
    private FileChannel channel;
    private long size;
    private long rotations;

    RotatingFile(Path path, long maxBytes, int keep) {
        this.path = path;
        this.maxBytes = maxBytes;
        this.keep = keep;
    }

    /** Appends the text; rotates first when it would not fit. */
    void append(CharSequence text) throws IOException {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(text));
        if (channel == null) {
            open();
        }
        if (size > 0 && size + bytes.remaining() > maxBytes) {
            rotate();
        }
        while (bytes.hasRemaining()) {
            size += channel.write(bytes);
        }
    }

    private void open() throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        size = channel.size();
    }

    private void rotate() throws IOException {
        channel.close();
        channel = null;
        Files.deleteIfExists(sibling(keep));
        for (int i = keep - 1; i >= 1; i--) {
            Path from = sibling(i);
            if (Files.exists(from)) {
                Files.move(from, sibling(i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (keep >= 1) {
            Files.move(path, sibling(1), StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.deleteIfExists(path);
        }
        rotations++;
        open();
    }

    private Path sibling(int i) {
        return path.resolveSibling(path.getFileName() + "." + i);
    }

    long rotations() {
        return rotations;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
