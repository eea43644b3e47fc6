/* SPDX-License-Identifier: Apache-2.0 */
/*
 * chmod probe: chmod, fchmod, fchmodat, fchmodat2.
 *
 * Hooks, and why: the per-syscall tracepoints syscalls:sys_{enter,exit}_{chmod,fchmod,fchmodat,
 * fchmodat2} (no kprobes/fentry/LSM on the target kernel; a raw sys_enter program would run for
 * every syscall). Enter stashes the arguments per thread; exit reads the path (the user buffer is
 * still mapped) and emits the record with the result. Path resolution follows the open probe:
 * relative paths and fchmod's fd are made absolute in user space from /proc (docs/bpf.md).
 */
#include "probe.bpf.h"

struct chmod_args {
	__u64 path;       /* user pointer, 0 for fchmod */
	__u64 start_ns;
	__u32 mode;
	__s32 fd;
	__u32 at_flags;
	__u16 syscall;
	__u16 _pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, struct chmod_args);
} chmod_stash SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct chmod_event);
} chmod_scratch SEC(".maps");

static __always_inline int stash_chmod(__u16 sys, __s32 fd, __u64 path, __u32 mode, __u32 at_flags)
{
	if (task_filtered())
		return 0;
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct chmod_args a = {
		.path = path, .start_ns = bpf_ktime_get_ns(), .mode = mode, .fd = fd,
		.at_flags = at_flags, .syscall = sys,
	};
	if (bpf_map_update_elem(&chmod_stash, &tid, &a, BPF_ANY))
		count(CNT_STASH_MISS);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_chmod")
int on_enter_chmod(struct trace_event_raw_sys_enter *ctx)
{
	return stash_chmod(CHMOD_SYS_CHMOD, AT_FDCWD, SYS_ARG(ctx, 0), SYS_ARG(ctx, 1), 0);
}

SEC("tracepoint/syscalls/sys_enter_fchmod")
int on_enter_fchmod(struct trace_event_raw_sys_enter *ctx)
{
	return stash_chmod(CHMOD_SYS_FCHMOD, (__s32)SYS_ARG(ctx, 0), 0, SYS_ARG(ctx, 1), 0);
}

SEC("tracepoint/syscalls/sys_enter_fchmodat")
int on_enter_fchmodat(struct trace_event_raw_sys_enter *ctx)
{
	return stash_chmod(CHMOD_SYS_FCHMODAT, (__s32)SYS_ARG(ctx, 0), SYS_ARG(ctx, 1), SYS_ARG(ctx, 2), 0);
}

/* fchmodat2: Linux 6.6+ (AT_SYMLINK_NOFOLLOW for chmod); the target kernel has it */
SEC("tracepoint/syscalls/sys_enter_fchmodat2")
int on_enter_fchmodat2(struct trace_event_raw_sys_enter *ctx)
{
	return stash_chmod(CHMOD_SYS_FCHMODAT2, (__s32)SYS_ARG(ctx, 0), SYS_ARG(ctx, 1), SYS_ARG(ctx, 2),
			   SYS_ARG(ctx, 3));
}

static __always_inline int finish_chmod(long ret)
{
	__u32 zero = 0;
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct chmod_args *a = bpf_map_lookup_elem(&chmod_stash, &tid);
	if (!a)
		return 0;   /* filtered at enter, or attached mid-syscall */
	struct chmod_event *ev = bpf_map_lookup_elem(&chmod_scratch, &zero);
	if (!ev)
		goto out;

	long n = 1;
	ev->path[0] = 0;
	if (a->path) {
		n = bpf_probe_read_user_str(ev->path, sizeof(ev->path), (const char *)a->path);
		if (n <= 0) {
			count(CNT_READ_ERROR);
			n = 1;
			ev->path[0] = 0;
		}
	}
	__u32 len = n - 1;
	fill_header(&ev->hdr, EVENT_CHMOD);
	ev->hdr.mono_ns = a->start_ns;
	ev->hdr.latency_ns = bpf_ktime_get_ns() - a->start_ns;
	ev->hdr.retval = ret;
	ev->mode = a->mode;
	ev->fd = a->fd;
	ev->at_flags = a->at_flags;
	ev->syscall = a->syscall;
	ev->path_len = len;
	__u32 size = offsetof(struct chmod_event, path) + len + 1;
	if (size > sizeof(*ev))
		size = sizeof(*ev);
	ev->hdr.size = size;
	emit(ev, size);
out:
	bpf_map_delete_elem(&chmod_stash, &tid);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_chmod")
int on_exit_chmod(struct trace_event_raw_sys_exit *ctx)
{
	return finish_chmod(ctx->ret);
}

SEC("tracepoint/syscalls/sys_exit_fchmod")
int on_exit_fchmod(struct trace_event_raw_sys_exit *ctx)
{
	return finish_chmod(ctx->ret);
}

SEC("tracepoint/syscalls/sys_exit_fchmodat")
int on_exit_fchmodat(struct trace_event_raw_sys_exit *ctx)
{
	return finish_chmod(ctx->ret);
}

SEC("tracepoint/syscalls/sys_exit_fchmodat2")
int on_exit_fchmodat2(struct trace_event_raw_sys_exit *ctx)
{
	return finish_chmod(ctx->ret);
}
