package io.infrasight.api.event;

/**
 * Event kinds. The numeric values are the {@code kind} field of the kernel event ABI
 * ({@code bpf/include/events.h}); they never change once released.
 */
public enum EventKind {
    EXEC(1, "exec"),
    OPEN(2, "open"),
    CHMOD(3, "chmod"),
    CONNECT(4, "connect"),
    ACCEPT(5, "accept"),
    PTRACE(6, "ptrace"),
    MMAP(7, "mmap"),
    MPROTECT(8, "mprotect"),
    MOUNT(9, "mount"),
    UMOUNT(10, "umount"),
    RESOURCE(11, "resource"),
    SYSCALL_FREQUENCY(12, "syscall_frequency");

    private static final EventKind[] BY_CODE = new EventKind[16];
    static {
        for (EventKind k : values()) {
            BY_CODE[k.code] = k;
        }
    }

    private final int code;
    private final String id;

    EventKind(int code, String id) {
        this.code = code;
        this.id = id;
    }

    /** The ABI value. */
    public int code() {
        return code;
    }

    /** The lower-case name used in JSON, topics, table names and configuration. */
    public String id() {
        return id;
    }

    /** @throws IllegalArgumentException for a code no kind has */
    public static EventKind ofCode(int code) {
        EventKind k = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (k == null) {
            throw new IllegalArgumentException("unknown event kind code " + code);
        }
        return k;
    }

    /** Accepts the id ("exec") or the enum name ("EXEC"), case-insensitively. */
    public static EventKind parse(String text) {
        String t = text.trim();
        for (EventKind k : values()) {
            if (k.id.equalsIgnoreCase(t) || k.name().equalsIgnoreCase(t)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown event kind '" + text + "'");
    }
}
