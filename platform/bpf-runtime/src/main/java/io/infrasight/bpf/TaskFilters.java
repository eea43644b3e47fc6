package io.infrasight.bpf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The kernel-side task filters every probe object has (bpf/lib/probe.bpf.h): excluded comms and
 * uids. A filter that is off is a .rodata constant the verifier prunes, so it costs nothing.
 *
 * @param excludedComms task names (at most 15 bytes, longer ones are cut as the kernel cuts them)
 * @param excludedUids  real uids
 */
public record TaskFilters(List<String> excludedComms, List<Integer> excludedUids) {
    static final byte[] ONE = {1};

    public TaskFilters {
        excludedComms = List.copyOf(excludedComms);
        excludedUids = List.copyOf(excludedUids);
    }

    public static TaskFilters none() {
        return new TaskFilters(List.of(), List.of());
    }

    public void beforeLoad(BpfObject object) throws BpfException {
        object.setReadOnly("cfg_filter_comm", excludedComms.isEmpty() ? 0 : 1);
        object.setReadOnly("cfg_filter_uid", excludedUids.isEmpty() ? 0 : 1);
    }

    public void afterLoad(BpfObject object) throws BpfException {
        for (String comm : excludedComms) {
            object.mapPut("filter_comm", commKey(comm), ONE);
        }
        for (int uid : excludedUids) {
            object.mapPut("filter_uid", ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(uid).array(), ONE);
        }
    }

    /** struct comm_key: 16 bytes, NUL-padded, at most 15 bytes of name as in task->comm. */
    static byte[] commKey(String comm) {
        byte[] key = new byte[16];
        byte[] b = comm.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, key, 0, Math.min(15, b.length));
        return key;
    }
}
