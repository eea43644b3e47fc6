package io.infrasight.bpf;

/**
 * A libbpf, verifier or kernel refusal. {@link #log()} carries what libbpf printed during the call
 * that failed (for a verifier rejection, the verifier log), so status can show the real reason.
 */
public class BpfException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int errno;
    private final String log;

    public BpfException(String message, int errno, String log) {
        super(log == null || log.isBlank() ? message : message + "\n" + log.strip());
        this.errno = errno;
        this.log = log == null ? "" : log;
    }

    public BpfException(String message) {
        this(message, 0, "");
    }

    /** The errno libbpf or the kernel returned (positive), 0 when none. */
    public int errno() {
        return errno;
    }

    /** libbpf's own output for the failed call; may be empty. */
    public String log() {
        return log;
    }

    /** First line of the message: short enough for a status table. */
    public String summary() {
        String m = getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
