package io.infrasight.api.event;

/**
 * The keys enrichers put into an event's {@link Context}. docs/enrichment.md describes each value,
 * who sets it and when it is absent. A key missing from an event means "not known"; enrichers
 * that could not resolve something say so with the {@code *.status}/{@code unknown} values below
 * rather than by leaving the event out.
 */
public final class ContextKeys {
    private ContextKeys() {
    }

    // process tree (enrich-process)
    /** Executable path of the process (String). */
    public static final String PROC_EXE = "proc.exe";
    /** Command line, arguments joined by single spaces (String). */
    public static final String PROC_CMDLINE = "proc.cmdline";
    /** When the process was forked, ISO-8601 UTC with nanoseconds (String). */
    public static final String PROC_START_TIME = "proc.start_time";
    /** Ancestors, parent first: list of maps {pid (Integer), comm (String), exe (String)}. */
    public static final String PROC_ANCESTORS = "proc.ancestors";
    /** "live", "exited" (resolved from the lingering entry of a process that has gone) or "unknown". */
    public static final String PROC_STATUS = "proc.status";

    // users and groups (enrich-users)
    /** Name of the real uid (String). */
    public static final String USER_NAME = "user.name";
    /** Name of the effective uid (String). */
    public static final String USER_EUID_NAME = "user.euid_name";
    /** Name of the real gid (String). */
    public static final String GROUP_NAME = "group.name";

    // containers (enrich-container)
    /** Container id as the runtime names it (full id), or "host" for host processes (String). */
    public static final String CONTAINER_ID = "container.id";
    /** docker, containerd, cri-o, podman, lxc, cri (Kubernetes, runtime not visible in the path), host or unknown. */
    public static final String CONTAINER_RUNTIME = "container.runtime";
    /** Container name from the runtime's API, when a socket answered (String). */
    public static final String CONTAINER_NAME = "container.name";
    /** Image reference from the runtime's API, when a socket answered (String). */
    public static final String CONTAINER_IMAGE = "container.image";
    /** Container labels from the runtime's API (Map of String to String). */
    public static final String CONTAINER_LABELS = "container.labels";

    // Kubernetes (enrich-k8s; k8s.pod.uid may also come from the kubepods cgroup path)
    public static final String K8S_POD_NAME = "k8s.pod.name";
    public static final String K8S_NS_NAME = "k8s.ns.name";
    public static final String K8S_POD_UID = "k8s.pod.uid";
    /** Pod labels (Map of String to String), from the Kubernetes API when configured. */
    public static final String K8S_POD_LABELS = "k8s.pod.labels";
    /** Container name inside the pod (String). */
    public static final String K8S_CONTAINER_NAME = "k8s.container.name";

    // readable fields (enrich-format)
    /** Errno name of a negative return value, e.g. "ENOENT". */
    public static final String EVT_ERRNO_NAME = "evt.errno_name";
    /** Syscall latency in milliseconds (Double). */
    public static final String EVT_LATENCY_MS = "evt.latency_ms";
    /** Open flags, e.g. "O_WRONLY|O_CREAT|O_CLOEXEC". */
    public static final String OPEN_FLAGS_NAMES = "open.flags_names";
    /** Creation mode of an open with O_CREAT/O_TMPFILE, octal, e.g. "0644". */
    public static final String OPEN_MODE_OCTAL = "open.mode_octal";
    /** chmod mode, octal, e.g. "4755". */
    public static final String CHMOD_MODE_OCTAL = "chmod.mode_octal";
    /** chmod mode as ls shows it, e.g. "rwsr-xr-x". */
    public static final String CHMOD_MODE_TEXT = "chmod.mode_text";
    /** Address family, e.g. "AF_INET6". */
    public static final String NET_FAMILY_NAME = "net.family_name";
    /** Socket type, e.g. "SOCK_STREAM". */
    public static final String NET_SOCKTYPE_NAME = "net.socktype_name";
    /** Protocol, e.g. "TCP". */
    public static final String NET_PROTOCOL_NAME = "net.protocol_name";
    /** ptrace request, e.g. "PTRACE_ATTACH". */
    public static final String PTRACE_REQUEST_NAME = "ptrace.request_name";
    /** mmap/mprotect protection, e.g. "PROT_READ|PROT_EXEC". */
    public static final String MMAP_PROT_NAMES = "mmap.prot_names";
    /** mmap flags, e.g. "MAP_PRIVATE|MAP_ANONYMOUS". */
    public static final String MMAP_FLAGS_NAMES = "mmap.flags_names";
    /** mount/umount flags, e.g. "MS_RDONLY|MS_BIND". */
    public static final String MOUNT_FLAGS_NAMES = "mount.flags_names";
    /** Syscall counts by name (Map of String to Long) for syscall_frequency events. */
    public static final String SYSCALL_COUNTS_BY_NAME = "syscall.counts_by_name";

    /** Value of {@link #CONTAINER_ID} and {@link #CONTAINER_RUNTIME} for processes outside containers. */
    public static final String HOST = "host";
    /** Value used where a lookup failed; the enricher counts why. */
    public static final String UNKNOWN = "unknown";
}
