package io.infrasight.probe.mount;

import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.MountEvent;
import io.infrasight.api.event.UmountEvent;
import io.infrasight.bpf.ProbeRunner;
import io.infrasight.bpf.RecordReader;
import io.infrasight.bpf.probe.ProcPaths;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * struct mount_event → {@link MountEvent} and struct umount_event → {@link UmountEvent}
 * (bpf/include/events.h); relative targets are made absolute from /proc. MountAbiTest checks the
 * offsets against the object's BTF.
 */
final class MountDecoder implements ProbeRunner.Decoder {
    static final int FLAGS = 80;
    static final int MNT_NS = 88;
    static final int SYSCALL = 96;
    static final int SOURCE_LEN = 98;
    static final int TARGET_LEN = 100;
    static final int FSTYPE_LEN = 102;
    static final int FROM_FD = 104;
    static final int TO_FD = 108;
    static final int FSTYPE = 112;
    static final int FSTYPE_MAX = 64;
    static final int STR_MAX = 512;
    static final int SOURCE = FSTYPE + FSTYPE_MAX;
    static final int TARGET = SOURCE + STR_MAX;
    static final int MOUNT_SIZE = TARGET + STR_MAX;
    static final int UMOUNT_TARGET_LEN = 96;
    static final int UMOUNT_PAD0 = 98;
    static final int UMOUNT_PAD1 = 100;
    static final int UMOUNT_TARGET = 104;
    static final int UMOUNT_SIZE = UMOUNT_TARGET + STR_MAX;
    static final int SYS_MOVE_MOUNT = 1;
    static final String[] SYSCALLS = {"mount", "move_mount", "fsmount"};

    private final ProcPaths paths;

    MountDecoder(ProcPaths paths) {
        this.paths = paths;
    }

    static Map<String, Integer> mountLayout() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("hdr", 0);
        m.put("flags", FLAGS);
        m.put("mnt_ns", MNT_NS);
        m.put("syscall", SYSCALL);
        m.put("source_len", SOURCE_LEN);
        m.put("target_len", TARGET_LEN);
        m.put("fstype_len", FSTYPE_LEN);
        m.put("from_fd", FROM_FD);
        m.put("to_fd", TO_FD);
        m.put("fstype", FSTYPE);
        m.put("source", SOURCE);
        m.put("target", TARGET);
        return m;
    }

    static Map<String, Integer> umountLayout() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("hdr", 0);
        m.put("flags", FLAGS);
        m.put("mnt_ns", MNT_NS);
        m.put("target_len", UMOUNT_TARGET_LEN);
        m.put("_pad0", UMOUNT_PAD0);
        m.put("_pad1", UMOUNT_PAD1);
        m.put("target", UMOUNT_TARGET);
        return m;
    }

    @Override
    public Event decode(RecordReader r, ByteBuffer b, int off, int len) {
        int kind = RecordReader.kindCode(b, off);
        int tgid = b.getInt(off + RecordReader.TGID);
        if (kind == EventKind.MOUNT.code() && len >= MOUNT_SIZE) {
            int sys = Short.toUnsignedInt(b.getShort(off + SYSCALL));
            String source = str(r, b, off + SOURCE, off + SOURCE_LEN, STR_MAX);
            String target = str(r, b, off + TARGET, off + TARGET_LEN, STR_MAX);
            if (sys == SYS_MOVE_MOUNT) {
                // move_mount's paths are relative to its dirfds (an empty from_path means the fd itself)
                source = paths.resolve(tgid, b.getInt(off + FROM_FD), source);
                target = paths.resolve(tgid, b.getInt(off + TO_FD), target);
            } else if (!target.isEmpty()) {
                target = paths.resolve(tgid, ProcPaths.AT_FDCWD, target);
            }
            return new MountEvent(r.header(b, off, EventKind.MOUNT), source, target,
                    str(r, b, off + FSTYPE, off + FSTYPE_LEN, FSTYPE_MAX), b.getLong(off + FLAGS),
                    b.getLong(off + MNT_NS), sys < SYSCALLS.length ? SYSCALLS[sys] : "syscall" + sys);
        }
        if (kind == EventKind.UMOUNT.code() && len >= UMOUNT_SIZE) {
            String target = str(r, b, off + UMOUNT_TARGET, off + UMOUNT_TARGET_LEN, STR_MAX);
            return new UmountEvent(r.header(b, off, EventKind.UMOUNT), paths.resolve(tgid, ProcPaths.AT_FDCWD, target),
                    b.getLong(off + FLAGS), b.getLong(off + MNT_NS));
        }
        throw new IllegalArgumentException("not a mount/umount record: kind " + kind + ", " + len + " bytes");
    }

    private static String str(RecordReader r, ByteBuffer b, int at, int lenAt, int max) {
        return r.string(b, at, Math.min(Short.toUnsignedInt(b.getShort(lenAt)), max - 1));
    }
}
