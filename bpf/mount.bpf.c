/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mount probe: mount, move_mount, fsmount (MountEvent) and umount2 (UmountEvent).
 *
 * Hooks, and why: syscalls:sys_{enter,exit}_{mount,move_mount,fsmount,umount}. On x86-64 the
 * umount2 syscall's tracepoint is named "umount" (SYSCALL_DEFINE2(umount, ...)). Each exit handler
 * is attached to its OWN syscall's exit tracepoint and emits its own kind: the reference platform
 * hung umount's handler on mount's exit and never emitted an unmount (MountProbeTest checks that an
 * umount2 produces an UmountEvent). Strings are read at exit, when the kernel has just read them
 * too. The mount namespace is the caller's (nsproxy->mnt_ns->ns.inum, as /proc/<pid>/ns/mnt shows).
 */
#include "probe.bpf.h"

struct mount_args {
	__u64 start_ns;
	__u64 source;     /* user pointers */
	__u64 target;
	__u64 fstype;
	__u64 flags;
	__s32 from_fd;
	__s32 to_fd;
	__u16 syscall;    /* enum mount_syscall, or UMOUNT_SYSCALL */
	__u16 _pad[3];
};

#define UMOUNT_SYSCALL 0xffff

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, struct mount_args);
} mount_stash SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct mount_event);
} mount_scratch SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct umount_event);
} umount_scratch SEC(".maps");

static __always_inline int stash(struct mount_args *a)
{
	if (task_filtered())
		return 0;
	a->start_ns = bpf_ktime_get_ns();
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	if (bpf_map_update_elem(&mount_stash, &tid, a, BPF_ANY))
		count(CNT_STASH_MISS);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_mount")
int on_enter_mount(struct trace_event_raw_sys_enter *ctx)
{
	struct mount_args a = {
		.source = SYS_ARG(ctx, 0), .target = SYS_ARG(ctx, 1), .fstype = SYS_ARG(ctx, 2),
		.flags = SYS_ARG(ctx, 3), .from_fd = -1, .to_fd = -1, .syscall = MOUNT_SYS_MOUNT,
	};
	return stash(&a);
}

SEC("tracepoint/syscalls/sys_enter_move_mount")
int on_enter_move_mount(struct trace_event_raw_sys_enter *ctx)
{
	struct mount_args a = {
		.from_fd = (__s32)SYS_ARG(ctx, 0), .source = SYS_ARG(ctx, 1), .to_fd = (__s32)SYS_ARG(ctx, 2),
		.target = SYS_ARG(ctx, 3), .flags = SYS_ARG(ctx, 4), .syscall = MOUNT_SYS_MOVE_MOUNT,
	};
	return stash(&a);
}

SEC("tracepoint/syscalls/sys_enter_fsmount")
int on_enter_fsmount(struct trace_event_raw_sys_enter *ctx)
{
	struct mount_args a = {
		.from_fd = (__s32)SYS_ARG(ctx, 0), .to_fd = -1,
		.flags = (SYS_ARG(ctx, 1) & 0xffffffff) | (SYS_ARG(ctx, 2) << 32), .syscall = MOUNT_SYS_FSMOUNT,
	};
	return stash(&a);
}

SEC("tracepoint/syscalls/sys_enter_umount")
int on_enter_umount(struct trace_event_raw_sys_enter *ctx)
{
	struct mount_args a = {
		.target = SYS_ARG(ctx, 0), .flags = SYS_ARG(ctx, 1), .from_fd = -1, .to_fd = -1,
		.syscall = UMOUNT_SYSCALL,
	};
	return stash(&a);
}

static __always_inline __u64 mnt_ns_inum(void)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task_btf();
	return BPF_CORE_READ(task, nsproxy, mnt_ns, ns.inum);
}

static __always_inline __u16 read_str(char *dst, __u32 size, __u64 src)
{
	if (!src) {
		dst[0] = 0;
		return 0;
	}
	long n = bpf_probe_read_user_str(dst, size, (const char *)src);
	if (n <= 0) {
		/* a NULL or bad pointer is legal for some arguments (mount's source for a remount) */
		dst[0] = 0;
		return 0;
	}
	return n - 1;
}

static __always_inline int finish_mount(long ret, __u16 expect)
{
	__u32 zero = 0;
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct mount_args *a = bpf_map_lookup_elem(&mount_stash, &tid);
	if (!a)
		return 0;
	if (a->syscall != expect) {
		count(CNT_STASH_MISS);   /* enter of another syscall: cannot happen on one thread */
		goto out;
	}
	struct mount_event *ev = bpf_map_lookup_elem(&mount_scratch, &zero);
	if (!ev)
		goto out;
	fill_header(&ev->hdr, EVENT_MOUNT);
	ev->hdr.mono_ns = a->start_ns;
	ev->hdr.latency_ns = bpf_ktime_get_ns() - a->start_ns;
	ev->hdr.retval = ret;
	ev->hdr.size = sizeof(*ev);
	ev->flags = a->flags;
	ev->mnt_ns = mnt_ns_inum();
	ev->syscall = a->syscall;
	ev->from_fd = a->from_fd;
	ev->to_fd = a->to_fd;
	ev->fstype_len = read_str(ev->fstype, sizeof(ev->fstype), a->fstype);
	ev->source_len = read_str(ev->source, sizeof(ev->source), a->source);
	ev->target_len = read_str(ev->target, sizeof(ev->target), a->target);
	emit(ev, sizeof(*ev));
out:
	bpf_map_delete_elem(&mount_stash, &tid);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_mount")
int on_exit_mount(struct trace_event_raw_sys_exit *ctx)
{
	return finish_mount(ctx->ret, MOUNT_SYS_MOUNT);
}

SEC("tracepoint/syscalls/sys_exit_move_mount")
int on_exit_move_mount(struct trace_event_raw_sys_exit *ctx)
{
	return finish_mount(ctx->ret, MOUNT_SYS_MOVE_MOUNT);
}

SEC("tracepoint/syscalls/sys_exit_fsmount")
int on_exit_fsmount(struct trace_event_raw_sys_exit *ctx)
{
	return finish_mount(ctx->ret, MOUNT_SYS_FSMOUNT);
}

/* umount2's own exit: emits the UmountEvent */
SEC("tracepoint/syscalls/sys_exit_umount")
int on_exit_umount(struct trace_event_raw_sys_exit *ctx)
{
	__u32 zero = 0;
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct mount_args *a = bpf_map_lookup_elem(&mount_stash, &tid);
	if (!a)
		return 0;
	if (a->syscall != UMOUNT_SYSCALL) {
		count(CNT_STASH_MISS);
		goto out;
	}
	struct umount_event *ev = bpf_map_lookup_elem(&umount_scratch, &zero);
	if (!ev)
		goto out;
	fill_header(&ev->hdr, EVENT_UMOUNT);
	ev->hdr.mono_ns = a->start_ns;
	ev->hdr.latency_ns = bpf_ktime_get_ns() - a->start_ns;
	ev->hdr.retval = ctx->ret;
	ev->hdr.size = sizeof(*ev);
	ev->flags = a->flags;
	ev->mnt_ns = mnt_ns_inum();
	ev->_pad0 = 0;
	ev->_pad1 = 0;
	ev->target_len = read_str(ev->target, sizeof(ev->target), a->target);
	emit(ev, sizeof(*ev));
out:
	bpf_map_delete_elem(&mount_stash, &tid);
	return 0;
}
