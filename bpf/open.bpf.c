/* SPDX-License-Identifier: Apache-2.0 */
/*
 * open probe: open, openat, openat2.
 *
 * Hooks, and why: the per-syscall tracepoints syscalls:sys_{enter,exit}_{open,openat,openat2}.
 * They have a stable argument format, exist on every kernel with syscall tracepoints and, unlike a
 * raw sys_enter program, run only for these three syscalls. (kprobes/fentry/LSM are unavailable on
 * the target kernel.) Enter stashes the arguments per thread; exit reads the path — the user
 * buffer is still mapped and was just touched by the kernel — applies the path filter, and emits
 * the record with the result (fd or -errno).
 *
 * Relative paths are emitted as given with their dirfd: user space resolves them against
 * /proc/<pid>/fd/<dirfd> or /proc/<pid>/cwd (see docs/bpf.md for why not in the kernel).
 */
#include "probe.bpf.h"

struct open_args {
	__u64 path;       /* user pointer */
	__u64 flags;
	__u64 start_ns;
	__u32 mode;
	__s32 dirfd;
	__u16 syscall;
	__u16 _pad[3];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384);
	__type(key, __u32);
	__type(value, struct open_args);
} open_stash SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct open_event);
} open_scratch SEC(".maps");

#define PREFIX_MAX 64

/* Longest-prefix match does "path starts with one of these" in one lookup. */
struct prefix_key {
	__u32 prefixlen;   /* in bits */
	char data[PREFIX_MAX];
};

struct {
	__uint(type, BPF_MAP_TYPE_LPM_TRIE);
	__uint(max_entries, 256);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, struct prefix_key);
	__type(value, __u8);
} filter_prefix SEC(".maps");

static __always_inline int stash_open(__u16 sys, __s32 dirfd, __u64 path, __u64 flags, __u32 mode)
{
	if (task_filtered())
		return 0;
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct open_args a = {
		.path = path, .flags = flags, .start_ns = bpf_ktime_get_ns(),
		.mode = mode, .dirfd = dirfd, .syscall = sys,
	};
	if (bpf_map_update_elem(&open_stash, &tid, &a, BPF_ANY))
		count(CNT_STASH_MISS);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_open")
int on_enter_open(struct trace_event_raw_sys_enter *ctx)
{
	return stash_open(OPEN_SYS_OPEN, AT_FDCWD, SYS_ARG(ctx, 0), SYS_ARG(ctx, 1), SYS_ARG(ctx, 2));
}

SEC("tracepoint/syscalls/sys_enter_openat")
int on_enter_openat(struct trace_event_raw_sys_enter *ctx)
{
	return stash_open(OPEN_SYS_OPENAT, (__s32)SYS_ARG(ctx, 0), SYS_ARG(ctx, 1), SYS_ARG(ctx, 2),
			  SYS_ARG(ctx, 3));
}

SEC("tracepoint/syscalls/sys_enter_openat2")
int on_enter_openat2(struct trace_event_raw_sys_enter *ctx)
{
	struct open_how how = {};
	if (bpf_probe_read_user(&how, sizeof(how), (void *)SYS_ARG(ctx, 2)))
		count(CNT_READ_ERROR);
	return stash_open(OPEN_SYS_OPENAT2, (__s32)SYS_ARG(ctx, 0), SYS_ARG(ctx, 1), how.flags,
			  (__u32)how.mode);
}

static __always_inline bool path_filtered(struct open_event *ev, __u32 len)
{
	if (!cfg_filter_path || ev->path[0] != '/')
		return false;   /* relative paths are checked in user space after resolution */
	struct prefix_key k = {};
	k.prefixlen = (len > PREFIX_MAX ? PREFIX_MAX : len) * 8;
	__builtin_memcpy(k.data, ev->path, PREFIX_MAX);
	if (bpf_map_lookup_elem(&filter_prefix, &k))
		return false;
	count(CNT_FILTERED_PATH);
	return true;
}


static __always_inline int finish_open(long ret)
{
	__u32 zero = 0;
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct open_args *a = bpf_map_lookup_elem(&open_stash, &tid);
	if (!a)
		return 0;   /* filtered at enter, or attached mid-syscall */
	struct open_event *ev = bpf_map_lookup_elem(&open_scratch, &zero);
	if (!ev)
		goto out;

	long n = bpf_probe_read_user_str(ev->path, sizeof(ev->path), (const char *)a->path);
	if (n <= 0) {
		count(CNT_READ_ERROR);
		n = 1;
		ev->path[0] = 0;
	}
	__u32 len = n - 1;
	if (path_filtered(ev, len))
		goto out;

	fill_header(&ev->hdr, EVENT_OPEN);
	ev->hdr.mono_ns = a->start_ns;
	ev->hdr.latency_ns = bpf_ktime_get_ns() - a->start_ns;
	ev->hdr.retval = ret;
	ev->flags = a->flags;
	ev->mode = a->mode;
	ev->dirfd = a->dirfd;
	ev->syscall = a->syscall;
	ev->path_len = len;
	ev->_pad0 = 0;
	/* emit only the used part of the path: most paths are short, the ring buffer lasts longer */
	__u32 size = offsetof(struct open_event, path) + len + 1;
	if (size > sizeof(*ev))
		size = sizeof(*ev);
	ev->hdr.size = size;
	emit(ev, size);
out:
	bpf_map_delete_elem(&open_stash, &tid);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_open")
int on_exit_open(struct trace_event_raw_sys_exit *ctx)
{
	return finish_open(ctx->ret);
}

SEC("tracepoint/syscalls/sys_exit_openat")
int on_exit_openat(struct trace_event_raw_sys_exit *ctx)
{
	return finish_open(ctx->ret);
}

SEC("tracepoint/syscalls/sys_exit_openat2")
int on_exit_openat2(struct trace_event_raw_sys_exit *ctx)
{
	return finish_open(ctx->ret);
}
