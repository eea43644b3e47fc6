package io.infrasight.bpf.probe;

import io.infrasight.bpf.BpfException;
import io.infrasight.bpf.BpfObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syscalls a probe traces only where the kernel has them (fchmodat2 is 6.6+, the new mount API
 * 5.2+): before load, the programs of a syscall without a {@code syscalls:sys_enter_<name>}
 * tracepoint are left out, so the rest of the probe still loads and attaches. Without this, one
 * missing tracepoint would fail the whole probe on an older kernel.
 */
public final class OptionalSyscalls {
    private static final Logger LOG = LoggerFactory.getLogger(OptionalSyscalls.class);
    private static final List<Path> EVENT_ROOTS = List.of(Path.of("/sys/kernel/tracing/events/syscalls"),
            Path.of("/sys/kernel/debug/tracing/events/syscalls"));

    private final Map<String, List<String>> programsBySyscall;
    private final List<Path> roots;
    private volatile List<String> missing = List.of();

    /** @param programsBySyscall syscall name → the C names of the programs that trace it */
    public OptionalSyscalls(Map<String, List<String>> programsBySyscall) {
        this(programsBySyscall, EVENT_ROOTS);
    }

    /** For tests: {@code roots} stand for tracefs' events/syscalls directories. */
    public OptionalSyscalls(Map<String, List<String>> programsBySyscall, List<Path> roots) {
        this.programsBySyscall = new LinkedHashMap<>(programsBySyscall);
        this.roots = List.copyOf(roots);
    }

    /**
     * Leaves out the programs of the syscalls this kernel lacks. When no tracefs is visible yet
     * nothing is left out: attaching mounts tracefs or fails with that reason.
     */
    void beforeLoad(BpfObject object) throws BpfException {
        Path root = roots.stream().filter(Files::isDirectory).findFirst().orElse(null);
        if (root == null) {
            return;
        }
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : programsBySyscall.entrySet()) {
            if (!Files.isDirectory(root.resolve("sys_enter_" + e.getKey()))) {
                gone.add(e.getKey());
                for (String program : e.getValue()) {
                    object.setAutoload(program, false);
                }
            }
        }
        missing = List.copyOf(gone);
        if (!gone.isEmpty()) {
            LOG.warn("{}: this kernel has no {} syscall(s); those calls are not reported", object.name(), gone);
        }
    }

    /** Syscalls found missing at the last load, whose calls are not reported (counter {@code syscalls_missing}). */
    public List<String> missing() {
        return missing;
    }
}
