package io.infrasight.bpf;

import io.infrasight.bpf.internal.Native;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One libbpf object through its lifecycle: {@link #open} → {@link #setReadOnly}/
 * {@link #setMaxEntries} → {@link #load} → {@link #attachAll} → maps, ring buffers, counters →
 * {@link #close} (detaches and frees everything: no program or map survives it).
 *
 * <p>Not thread-safe: one owner thread drives it (the probe's poll thread).
 */
public final class BpfObject implements AutoCloseable {
    private final String name;
    private final List<RingBuffer> rings = new ArrayList<>();
    private long handle;
    private boolean loaded;

    private BpfObject(String name, long handle) {
        this.name = name;
        this.handle = handle;
    }

    /** Opens (parses) an ELF object held in memory; nothing reaches the kernel yet. */
    public static BpfObject open(String name, byte[] elf) throws BpfException {
        BpfSupport.requireLoadable();
        return new BpfObject(name, Native.open(name, elf));
    }

    public String name() {
        return name;
    }

    /** Sets a {@code const volatile} variable of .rodata (before load): 4-byte little-endian. */
    public BpfObject setReadOnly(String variable, int value) throws BpfException {
        return setReadOnly(variable, ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(value).array());
    }

    public BpfObject setReadOnly(String variable, byte[] value) throws BpfException {
        requireState(false);
        Native.setRodata(handle(), variable, value);
        return this;
    }

    /** Resizes a map before load (a ring buffer's size must be a power of two and a page multiple). */
    public BpfObject setMaxEntries(String map, int entries) throws BpfException {
        requireState(false);
        Native.setMaxEntries(handle(), map, entries);
        return this;
    }

    /**
     * Before load: leaves a program out (neither loaded nor attached), e.g. one whose hook this
     * kernel does not have. {@code program} is the C function name.
     */
    public BpfObject setAutoload(String program, boolean on) throws BpfException {
        requireState(false);
        Native.setAutoload(handle(), program, on);
        return this;
    }

    /** Creates the maps and runs the verifier; a rejection comes back with the verifier log. */
    public void load() throws BpfException {
        requireState(false);
        Native.load(handle());
        loaded = true;
    }

    /** Attaches every program at the hook its section names; mounts tracefs first if needed. */
    public void attachAll() throws BpfException {
        requireState(true);
        Native.ensureTracefs();
        Native.attachAll(handle());
    }

    public void mapPut(String map, byte[] key, byte[] value) throws BpfException {
        requireState(true);
        Native.mapUpdate(handle(), map, key, value, false);
    }

    public void mapDelete(String map, byte[] key) throws BpfException {
        requireState(true);
        Native.mapUpdate(handle(), map, key, null, true);
    }

    /** Each slot of a per-CPU u64 array, summed over all CPUs. */
    public long[] perCpuSums(String map) throws BpfException {
        requireState(true);
        return Native.perCpuSums(handle(), map);
    }

    /** A consumer for a ring buffer map; closed with this object. */
    public RingBuffer ringBuffer(String map) throws BpfException {
        requireState(true);
        RingBuffer r = new RingBuffer(Native.ringOpen(handle(), map));
        rings.add(r);
        return r;
    }

    public boolean isClosed() {
        return handle == 0;
    }

    /** Idempotent. */
    @Override
    public void close() {
        if (handle == 0) {
            return;
        }
        rings.forEach(RingBuffer::close);
        rings.clear();
        Native.close(handle);
        handle = 0;
    }

    private long handle() {
        if (handle == 0) {
            throw new IllegalStateException("BPF object " + name + " is closed");
        }
        return handle;
    }

    private void requireState(boolean mustBeLoaded) {
        handle();
        if (loaded != mustBeLoaded) {
            throw new IllegalStateException("BPF object " + name + (loaded ? " is already loaded" : " is not loaded"));
        }
    }
}
