package io.infrasight.bpf.internal;

import java.nio.ByteBuffer;

/** The JNI entry points (src/main/c/infrasight_bpf.c). Handles are native pointers; see BpfObject. */
public final class Native {
    private Native() {
    }

    static {
        NativeLoader.load();
        init();
    }

    /** Forces the class (and so the library) to load, turning a missing library into one clear error. */
    public static void ensureLoaded() {
    }

    private static native void init();

    public static native String libbpfVersion();

    public static native long monoToRealtimeOffsetNs();

    public static native void ensureTracefs() throws io.infrasight.bpf.BpfException;

    public static native long open(String name, byte[] elf) throws io.infrasight.bpf.BpfException;

    public static native void setRodata(long h, String var, byte[] value) throws io.infrasight.bpf.BpfException;

    public static native void setMaxEntries(long h, String map, int n) throws io.infrasight.bpf.BpfException;

    public static native void setAutoload(long h, String program, boolean on) throws io.infrasight.bpf.BpfException;

    public static native void load(long h) throws io.infrasight.bpf.BpfException;

    public static native void attachAll(long h) throws io.infrasight.bpf.BpfException;

    public static native void mapUpdate(long h, String map, byte[] key, byte[] value, boolean delete)
            throws io.infrasight.bpf.BpfException;

    public static native long[] perCpuSums(long h, String map) throws io.infrasight.bpf.BpfException;

    public static native void close(long h);

    public static native long ringOpen(long h, String map) throws io.infrasight.bpf.BpfException;

    public static native int ringPoll(long ring, ByteBuffer buf, int timeoutMs) throws io.infrasight.bpf.BpfException;

    public static native long ringPending(long ring);

    public static native void ringClose(long ring);
}
