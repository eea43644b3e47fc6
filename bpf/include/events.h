/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The ONE event ABI between the kernel programs and user space.
 *
 * Rules (the Java decoders in probes/<name> mirror this file, and ExecAbiTest/OpenAbiTest compare
 * their offsets with the BTF of the compiled objects, so a change here that is not mirrored fails
 * the build):
 *  - every record starts with struct event_header;
 *  - kind values are explicit and never reused (io.infrasight.api.event.EventKind has the same codes);
 *  - every field is naturally aligned and padding is spelled out, so the layout does not depend on
 *    the compiler; sizes are checked by _Static_assert;
 *  - variable-length tails (paths, argv) come last and records are emitted with their used length,
 *    header.size tells user space how many bytes are valid.
 *
 * Included by BPF code (after vmlinux.h) and could be included by C user space (after linux/types.h).
 */
#ifndef INFRASIGHT_EVENTS_H
#define INFRASIGHT_EVENTS_H

enum event_kind {
	EVENT_EXEC = 1,
	EVENT_OPEN = 2,
	EVENT_CHMOD = 3,
	EVENT_CONNECT = 4,
	EVENT_ACCEPT = 5,
	EVENT_PTRACE = 6,
	EVENT_MMAP = 7,
	EVENT_MPROTECT = 8,
	EVENT_MOUNT = 9,
	EVENT_UMOUNT = 10,
	EVENT_RESOURCE = 11,
	EVENT_SYSCALL_FREQUENCY = 12,
};

#define EVENT_COMM_LEN 16

struct event_header {
	__u16 kind;        /* enum event_kind */
	__u16 size;        /* bytes of this record that are valid, header included */
	__u32 cpu;         /* CPU that produced it (ordering diagnostics) */
	__u64 mono_ns;     /* bpf_ktime_get_ns(): CLOCK_MONOTONIC */
	__u32 tgid;        /* user-space "pid" */
	__u32 pid;         /* kernel pid = user-space thread id */
	__u32 ppid;        /* tgid of the real parent */
	__u32 uid;
	__u32 gid;
	__u32 euid;
	__u64 cgroup_id;   /* cgroup v2 id */
	char comm[EVENT_COMM_LEN];
	__s64 retval;      /* syscall result: value or -errno */
	__u64 latency_ns;  /* syscall enter to exit, 0 if not measured */
};
_Static_assert(sizeof(struct event_header) == 80, "event_header ABI changed");

/* ---- exec ---- */
#define EXEC_FILENAME_MAX 512   /* power of two: the verifier bounds reads by masking */
#define EXEC_ARGV_MAX 2048      /* bytes of NUL-separated arguments */
#define EXEC_ARGS_MAX 32        /* arguments read at most */

enum exec_flags {
	EXEC_F_ARGV_TRUNCATED = 1 << 0,   /* more arguments or bytes than captured */
	EXEC_F_EXE_MEMFD = 1 << 1,        /* the executed file lives in a memfd */
	EXEC_F_EXE_DELETED = 1 << 2,      /* the executed file has no link left on disk */
	EXEC_F_FILENAME_TRUNCATED = 1 << 3,
	EXEC_F_EXECVEAT = 1 << 4,         /* came through execveat (fexecve) */
};

struct exec_event {
	struct event_header hdr;
	__u32 flags;          /* enum exec_flags */
	__u32 argc;           /* arguments captured in argv */
	__u16 filename_len;   /* bytes in filename, without NUL */
	__u16 argv_len;       /* bytes in argv, NULs included */
	__u32 _pad0;
	char filename[EXEC_FILENAME_MAX];
	char argv[EXEC_ARGV_MAX];
};
_Static_assert(sizeof(struct exec_event) == 80 + 16 + EXEC_FILENAME_MAX + EXEC_ARGV_MAX,
	       "exec_event ABI changed");

/* ---- open ---- */
#define OPEN_PATH_MAX 4096   /* PATH_MAX */

enum open_syscall {
	OPEN_SYS_OPEN = 0,
	OPEN_SYS_OPENAT = 1,
	OPEN_SYS_OPENAT2 = 2,
};

struct open_event {
	struct event_header hdr;
	__u64 flags;          /* O_* flags (openat2's how.flags is 64-bit) */
	__u32 mode;
	__s32 dirfd;          /* AT_FDCWD (-100) when relative to the cwd */
	__u16 syscall;        /* enum open_syscall */
	__u16 path_len;       /* bytes in path, without NUL */
	__u32 _pad0;
	char path[OPEN_PATH_MAX];  /* as passed to the syscall; user space resolves relative ones */
};
_Static_assert(sizeof(struct open_event) == 80 + 24 + OPEN_PATH_MAX, "open_event ABI changed");

/* ---- chmod ---- */
#define CHMOD_PATH_MAX 4096

enum chmod_syscall {
	CHMOD_SYS_CHMOD = 0,
	CHMOD_SYS_FCHMOD = 1,
	CHMOD_SYS_FCHMODAT = 2,
	CHMOD_SYS_FCHMODAT2 = 3,
};

struct chmod_event {
	struct event_header hdr;
	__u32 mode;           /* the new mode, S_ISUID etc. included */
	__s32 fd;             /* dirfd (AT_FDCWD for chmod), or fchmod's fd (path then empty) */
	__u32 at_flags;       /* fchmodat2's AT_* flags */
	__u16 syscall;        /* enum chmod_syscall */
	__u16 path_len;       /* bytes in path, without NUL */
	char path[CHMOD_PATH_MAX];   /* as passed; user space resolves relative ones and fchmod's fd */
};
_Static_assert(sizeof(struct chmod_event) == 80 + 16 + CHMOD_PATH_MAX, "chmod_event ABI changed");

/* ---- connect and accept (one layout, two kinds) ---- */
#define SOCK_UNIX_PATH_MAX 108

enum sock_syscall {
	SOCK_SYS_CONNECT = 0,
	SOCK_SYS_ACCEPT = 1,
	SOCK_SYS_ACCEPT4 = 2,
};

struct sock_event {
	struct event_header hdr;   /* kind EVENT_CONNECT or EVENT_ACCEPT */
	__u16 family;         /* AF_INET 2, AF_INET6 10, AF_UNIX 1, ... */
	__u16 sock_type;      /* SOCK_STREAM 1, SOCK_DGRAM 2, ... (0 if the fd is not a socket) */
	__u16 protocol;       /* IPPROTO_* */
	__u16 local_port;     /* host byte order */
	__u16 remote_port;    /* host byte order */
	__u16 syscall;        /* enum sock_syscall */
	__s32 fd;             /* connect: the socket; accept: the listening socket */
	__u8 local_addr[16];  /* network byte order; IPv4 in the first 4 bytes */
	__u8 remote_addr[16];
	char unix_path[SOCK_UNIX_PATH_MAX];   /* AF_UNIX connect: sun_path (abstract: leading NUL) */
	__u32 _pad0;
};
_Static_assert(sizeof(struct sock_event) == 80 + 16 + 32 + SOCK_UNIX_PATH_MAX + 4, "sock_event ABI changed");

/* ---- ptrace ---- */
struct ptrace_event {
	struct event_header hdr;
	__s64 request;        /* PTRACE_* */
	__u64 addr;
	__u64 data;
	__s32 target_pid;
	__u32 _pad0;
};
_Static_assert(sizeof(struct ptrace_event) == 80 + 32, "ptrace_event ABI changed");

/* ---- mmap and mprotect ---- */
enum mem_flags {
	MEM_F_WRITE_EXEC = 1 << 0,     /* writable and executable at once, or made executable while writable */
	MEM_F_WAS_WRITABLE = 1 << 1,   /* mprotect: the region at addr was writable before the call */
	MEM_F_WAS_EXEC = 1 << 2,       /* mprotect: the region at addr was executable before the call */
	MEM_F_NO_VMA = 1 << 3,         /* mprotect: no mapping at addr when the call began */
};

struct mmap_event {
	struct event_header hdr;   /* retval: the mapped address or -errno */
	__u64 addr;           /* requested address (a hint unless MAP_FIXED) */
	__u64 len;
	__u64 pgoff;          /* offset into the file, bytes */
	__u32 prot;           /* PROT_* */
	__u32 flags;          /* MAP_* */
	__s32 fd;
	__u32 mem_flags;      /* enum mem_flags */
};
_Static_assert(sizeof(struct mmap_event) == 80 + 40, "mmap_event ABI changed");

struct mprotect_event {
	struct event_header hdr;
	__u64 addr;
	__u64 len;
	__u32 prot;           /* the new PROT_* */
	__u32 mem_flags;      /* enum mem_flags */
};
_Static_assert(sizeof(struct mprotect_event) == 80 + 24, "mprotect_event ABI changed");

/* ---- mount and umount ---- */
#define MOUNT_STR_MAX 512     /* source and target; power of two */
#define MOUNT_FSTYPE_MAX 64

enum mount_syscall {
	MOUNT_SYS_MOUNT = 0,
	MOUNT_SYS_MOVE_MOUNT = 1,
	MOUNT_SYS_FSMOUNT = 2,
};

struct mount_event {
	struct event_header hdr;
	__u64 flags;          /* mount: MS_*; move_mount: MOVE_MOUNT_*; fsmount: FSMOUNT_* | attr_flags << 32 */
	__u64 mnt_ns;         /* inode number of the caller's mount namespace (/proc/<pid>/ns/mnt) */
	__u16 syscall;        /* enum mount_syscall */
	__u16 source_len;     /* bytes, without NUL */
	__u16 target_len;
	__u16 fstype_len;
	__s32 from_fd;        /* move_mount: from_dfd; fsmount: the fs context fd */
	__s32 to_fd;          /* move_mount: to_dfd */
	char fstype[MOUNT_FSTYPE_MAX];
	char source[MOUNT_STR_MAX];
	char target[MOUNT_STR_MAX];
};
_Static_assert(sizeof(struct mount_event) == 80 + 32 + MOUNT_FSTYPE_MAX + 2 * MOUNT_STR_MAX,
	       "mount_event ABI changed");

struct umount_event {
	struct event_header hdr;
	__u64 flags;          /* MNT_FORCE, MNT_DETACH, MNT_EXPIRE, UMOUNT_NOFOLLOW */
	__u64 mnt_ns;
	__u16 target_len;
	__u16 _pad0;
	__u32 _pad1;
	char target[MOUNT_STR_MAX];
};
_Static_assert(sizeof(struct umount_event) == 80 + 24 + MOUNT_STR_MAX, "umount_event ABI changed");

/* Indexes of the per-CPU "counters" array every probe object has. */
enum counter_index {
	CNT_EMITTED = 0,        /* records written to the ring buffer */
	CNT_RB_FULL = 1,        /* record lost: ring buffer full (reserve/output failed) */
	CNT_FILTERED_SELF = 2,  /* our own process */
	CNT_FILTERED_COMM = 3,
	CNT_FILTERED_UID = 4,
	CNT_FILTERED_PATH = 5,
	CNT_STASH_MISS = 6,     /* exit without enter (attached mid-syscall) or stash map full */
	CNT_READ_ERROR = 7,     /* user memory could not be read */
	CNT_FILTERED_OTHER = 8, /* left out by a probe's own content filter (e.g. mmap onlyWriteExec) */
	CNT__MAX = 9,
};

/* ---- resource (interval event: one per process and interval, plus a final one at exit) ---- */
enum resource_lifecycle {
	RESOURCE_START = 0,     /* first interval of a process that started while the probe ran */
	RESOURCE_RUNNING = 1,
	RESOURCE_EXIT = 2,      /* final interval, flushed when the process's last thread exited */
};

struct resource_event {
	struct event_header hdr;   /* tgid = pid = the process; mono_ns = end of the interval */
	__u64 interval_ns;    /* length of the interval this record covers */
	__u64 cpu_ns;         /* CPU time (user + system) of all its threads in the interval */
	__u64 minor_faults;
	__u64 major_faults;
	__u64 rss_bytes;      /* resident set (file + anon + shmem pages) when last seen running */
	__u64 read_bytes;     /* bytes through read-family syscalls (ioac.rchar) in the interval */
	__u64 write_bytes;    /* bytes through write-family syscalls (ioac.wchar) in the interval */
	__u32 threads;        /* live threads when last seen */
	__u32 lifecycle;      /* enum resource_lifecycle */
	__u32 forks;          /* processes it started (fork/clone without CLONE_THREAD) in the interval */
	__u32 _pad0;
};
_Static_assert(sizeof(struct resource_event) == 80 + 72, "resource_event ABI changed");

/* ---- syscall frequency (interval event: non-zero counts only) ---- */
#define SYSCALL_NR_MAX 512      /* x86-64 numbers are < 512; larger ids (x32) are counted as dropped */

enum syscall_frequency_flags {
	SYSCALL_FREQ_F_EXIT = 1 << 0,   /* final interval: the process's last thread exited */
};

struct syscall_count {
	__u32 id;
	__u32 count;
};

struct syscall_frequency_event {
	struct event_header hdr;   /* tgid = pid = the process; mono_ns = end of the interval */
	__u64 interval_ns;
	__u32 nr;             /* entries used in counts; emitted with its used length */
	__u32 flags;          /* enum syscall_frequency_flags */
	struct syscall_count counts[SYSCALL_NR_MAX];
};
_Static_assert(sizeof(struct syscall_frequency_event) == 80 + 16 + 8 * SYSCALL_NR_MAX,
	       "syscall_frequency_event ABI changed");

#endif
