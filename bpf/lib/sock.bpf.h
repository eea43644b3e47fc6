/* SPDX-License-Identifier: Apache-2.0 */
/*
 * fd -> struct file -> struct sock, and the socket's addresses into struct sock_event. Shared by
 * the connect and accept probes: syscall tracepoints only see the fd, so the socket is found
 * through the current task's fd table (CO-RE reads; no kprobes on the target kernel).
 */
#ifndef INFRASIGHT_SOCK_BPF_H
#define INFRASIGHT_SOCK_BPF_H

#include "probe.bpf.h"
#include <bpf/bpf_endian.h>

#define S_IFMT 00170000
#define S_IFSOCK 0140000
#define AF_UNIX 1
#define AF_INET 2
#define AF_INET6 10

static __always_inline struct file *current_fd_file(int fd)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task_btf();
	struct fdtable *fdt = BPF_CORE_READ(task, files, fdt);
	if (!fdt || fd < 0 || (unsigned int)fd >= BPF_CORE_READ(fdt, max_fds))
		return NULL;
	struct file **arr = BPF_CORE_READ(fdt, fd);
	struct file *f = NULL;
	bpf_probe_read_kernel(&f, sizeof(f), &arr[fd]);
	return f;
}

/* The fd's sock, or NULL when the fd is closed or not a socket. */
static __always_inline struct sock *current_fd_sock(int fd)
{
	struct file *f = current_fd_file(fd);
	if (!f)
		return NULL;
	umode_t mode = BPF_CORE_READ(f, f_inode, i_mode);
	if ((mode & S_IFMT) != S_IFSOCK)
		return NULL;
	struct socket *s = BPF_CORE_READ(f, private_data);
	return s ? BPF_CORE_READ(s, sk) : NULL;
}

/* family, type, protocol and the local address of sk; with_remote also the peer from the sock */
static __always_inline void sock_fill(struct sock_event *ev, struct sock *sk, bool with_remote)
{
	__u16 family = BPF_CORE_READ(sk, __sk_common.skc_family);
	ev->family = family;
	ev->sock_type = BPF_CORE_READ(sk, sk_type);
	ev->protocol = BPF_CORE_READ(sk, sk_protocol);
	ev->local_port = BPF_CORE_READ(sk, __sk_common.skc_num);
	if (family == AF_INET) {
		bpf_core_read(ev->local_addr, 4, &sk->__sk_common.skc_rcv_saddr);
		if (with_remote)
			bpf_core_read(ev->remote_addr, 4, &sk->__sk_common.skc_daddr);
	} else if (family == AF_INET6) {
		bpf_core_read(ev->local_addr, 16, &sk->__sk_common.skc_v6_rcv_saddr);
		if (with_remote)
			bpf_core_read(ev->remote_addr, 16, &sk->__sk_common.skc_v6_daddr);
	}
	if (with_remote)
		ev->remote_port = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
}

#endif
