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
	CNT__MAX = 8,
};

#endif
