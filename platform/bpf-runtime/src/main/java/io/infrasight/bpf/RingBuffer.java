package io.infrasight.bpf;

import io.infrasight.bpf.internal.Native;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Batch consumer of a BPF ring buffer. One {@link #poll} is one JNI call that copies every ready
 * record (as many as fit) into a direct buffer; the handler then walks them in Java. Records are
 * framed as {@code [u32 length][u32 0][record padded to 8 bytes]}.
 */
public final class RingBuffer {
    /** Called once per record; {@code offset} and {@code length} delimit it inside {@code buf}. */
    @FunctionalInterface
    public interface RecordHandler {
        void onRecord(ByteBuffer buf, int offset, int length);
    }

    private long ring;

    RingBuffer(long ring) {
        this.ring = ring;
    }

    /** A batch buffer in the byte order the kernel writes. */
    public static ByteBuffer allocateBatchBuffer(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }

    /**
     * Copies ready records into {@code batch}; if none are ready, waits up to {@code timeoutMs} for
     * a wakeup first. Then hands each record to {@code handler}.
     *
     * @return records handled
     */
    public int poll(ByteBuffer batch, int timeoutMs, RecordHandler handler) throws BpfException {
        if (ring == 0) {
            throw new IllegalStateException("ring buffer closed");
        }
        int n = Native.ringPoll(ring, batch, timeoutMs);
        int off = 0;
        for (int i = 0; i < n; i++) {
            int len = batch.getInt(off);
            handler.onRecord(batch, off + 8, len);
            off += 8 + ((len + 7) & ~7);
        }
        return n;
    }

    /** Bytes produced but not consumed yet. */
    public long pendingBytes() {
        return ring == 0 ? 0 : Native.ringPending(ring);
    }

    void close() {
        if (ring != 0) {
            Native.ringClose(ring);
            ring = 0;
        }
    }
}
