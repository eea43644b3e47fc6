/* SPDX-License-Identifier: Apache-2.0 */
/*
 * connect probe: connect(2) on any socket family; addresses decoded for AF_INET, AF_INET6, AF_UNIX.
 *
 * Hooks, and why: syscalls:sys_{enter,exit}_connect. The enter side copies the caller's sockaddr
 * (the destination asked for, which is what we want to report even when the connect fails);
 * the exit side has the result (0, -EINPROGRESS for a non-blocking socket, -ECONNREFUSED, ...)
 * and finds the socket through the fd table for its type, protocol and the local address and port
 * the kernel just bound (0 after a failed connect: the kernel released the port again).
 * sock:inet_sock_set_state would see only TCP and no failures before SYN, so it is not used.
 */
#include "sock.bpf.h"

#define SOCKADDR_MAX 128   /* sockaddr_storage; sockaddr_un is 110 bytes, sockaddr_in6 28 */

struct connect_args {
	__u64 start_ns;
	__s32 fd;
	__u32 addrlen;
	__u8 addr[SOCKADDR_MAX];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8192);
	__type(key, __u32);
	__type(value, struct connect_args);
} connect_stash SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct connect_args);
} connect_args_scratch SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct sock_event);
} connect_scratch SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_connect")
int on_enter_connect(struct trace_event_raw_sys_enter *ctx)
{
	__u32 zero = 0;
	if (task_filtered())
		return 0;
	struct connect_args *a = bpf_map_lookup_elem(&connect_args_scratch, &zero);
	if (!a)
		return 0;
	a->start_ns = bpf_ktime_get_ns();
	a->fd = (__s32)SYS_ARG(ctx, 0);
	__u64 len = SYS_ARG(ctx, 2) & 0xffffffff;
	a->addrlen = len;
	__builtin_memset(a->addr, 0, sizeof(a->addr));
	if (len > SOCKADDR_MAX - 1)
		len = SOCKADDR_MAX - 1;   /* sun_path is 108 bytes: nothing we decode is lost */
	/* keep the bound in the register the verifier checks (clang may otherwise reuse an unbounded copy) */
	asm volatile("%0 &= 0x7f" : "+r"(len));
	if (len && bpf_probe_read_user(a->addr, len, (void *)SYS_ARG(ctx, 1)))
		count(CNT_READ_ERROR);
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	if (bpf_map_update_elem(&connect_stash, &tid, a, BPF_ANY))
		count(CNT_STASH_MISS);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_connect")
int on_exit_connect(struct trace_event_raw_sys_exit *ctx)
{
	__u32 zero = 0;
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct connect_args *a = bpf_map_lookup_elem(&connect_stash, &tid);
	if (!a)
		return 0;
	struct sock_event *ev = bpf_map_lookup_elem(&connect_scratch, &zero);
	if (!ev)
		goto out;
	__builtin_memset(ev, 0, sizeof(*ev));
	fill_header(&ev->hdr, EVENT_CONNECT);
	ev->hdr.mono_ns = a->start_ns;
	ev->hdr.latency_ns = bpf_ktime_get_ns() - a->start_ns;
	ev->hdr.retval = ctx->ret;
	ev->hdr.size = sizeof(*ev);
	ev->syscall = SOCK_SYS_CONNECT;
	ev->fd = a->fd;

	struct sock *sk = current_fd_sock(a->fd);
	if (sk)
		sock_fill(ev, sk, false);
	/* the destination as the caller gave it (the sock forgets it when the connect fails) */
	__u16 family = *(__u16 *)a->addr;
	if (family == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)a->addr;
		ev->family = AF_INET;
		ev->remote_port = bpf_ntohs(in->sin_port);
		__builtin_memcpy(ev->remote_addr, &in->sin_addr, 4);
	} else if (family == AF_INET6) {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)a->addr;
		ev->family = AF_INET6;
		ev->remote_port = bpf_ntohs(in6->sin6_port);
		__builtin_memcpy(ev->remote_addr, &in6->sin6_addr, 16);
	} else if (family == AF_UNIX) {
		ev->family = AF_UNIX;
		__builtin_memcpy(ev->unix_path, a->addr + 2, SOCK_UNIX_PATH_MAX);
	} else if (family) {
		ev->family = family;   /* AF_UNSPEC (disconnect a datagram socket), netlink, ...: ids only */
	}
	emit(ev, sizeof(*ev));
out:
	bpf_map_delete_elem(&connect_stash, &tid);
	return 0;
}
