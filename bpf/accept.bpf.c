/* SPDX-License-Identifier: Apache-2.0 */
/*
 * accept probe: accept and accept4.
 *
 * Hooks, and why: syscalls:sys_{enter,exit}_{accept,accept4}. At exit the new fd is installed
 * in the caller's fd table, so the accepted socket is found there and both its local address
 * (the listener's address, or the concrete one for a wildcard listener) and its peer are read
 * from the sock itself; the caller's sockaddr buffer is optional (NULL is allowed) and so is not
 * relied on. Failed accepts (EAGAIN on non-blocking listeners) are not emitted: they are the
 * normal idle state of every event loop and carry no connection.
 */
#include "sock.bpf.h"

struct accept_args {
	__u64 start_ns;
	__s32 fd;
	__u16 syscall;
	__u16 _pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8192);
	__type(key, __u32);
	__type(value, struct accept_args);
} accept_stash SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct sock_event);
} accept_scratch SEC(".maps");

static __always_inline int stash_accept(__u16 sys, __s32 fd)
{
	if (task_filtered())
		return 0;
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct accept_args a = { .start_ns = bpf_ktime_get_ns(), .fd = fd, .syscall = sys };
	if (bpf_map_update_elem(&accept_stash, &tid, &a, BPF_ANY))
		count(CNT_STASH_MISS);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_accept")
int on_enter_accept(struct trace_event_raw_sys_enter *ctx)
{
	return stash_accept(SOCK_SYS_ACCEPT, (__s32)SYS_ARG(ctx, 0));
}

SEC("tracepoint/syscalls/sys_enter_accept4")
int on_enter_accept4(struct trace_event_raw_sys_enter *ctx)
{
	return stash_accept(SOCK_SYS_ACCEPT4, (__s32)SYS_ARG(ctx, 0));
}

static __always_inline int finish_accept(long ret)
{
	__u32 zero = 0;
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct accept_args *a = bpf_map_lookup_elem(&accept_stash, &tid);
	if (!a)
		return 0;
	if (ret < 0)
		goto out;
	struct sock_event *ev = bpf_map_lookup_elem(&accept_scratch, &zero);
	if (!ev)
		goto out;
	__builtin_memset(ev, 0, sizeof(*ev));
	fill_header(&ev->hdr, EVENT_ACCEPT);
	ev->hdr.mono_ns = a->start_ns;
	ev->hdr.latency_ns = bpf_ktime_get_ns() - a->start_ns;
	ev->hdr.retval = ret;
	ev->hdr.size = sizeof(*ev);
	ev->syscall = a->syscall;
	ev->fd = a->fd;
	struct sock *sk = current_fd_sock((int)ret);
	if (sk)
		sock_fill(ev, sk, true);
	else
		count(CNT_READ_ERROR);
	emit(ev, sizeof(*ev));
out:
	bpf_map_delete_elem(&accept_stash, &tid);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_accept")
int on_exit_accept(struct trace_event_raw_sys_exit *ctx)
{
	return finish_accept(ctx->ret);
}

SEC("tracepoint/syscalls/sys_exit_accept4")
int on_exit_accept4(struct trace_event_raw_sys_exit *ctx)
{
	return finish_accept(ctx->ret);
}
