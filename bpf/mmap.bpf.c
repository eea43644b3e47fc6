/* SPDX-License-Identifier: Apache-2.0 */
/*
 * mmap probe: mmap and mprotect (one object: they are one concern, memory that becomes code).
 *
 * Hooks, and why: syscalls:sys_{enter,exit}_{mmap,mprotect}; integer arguments stashed at enter,
 * emitted at exit with the result. For mprotect the enter side also looks up the mapping at addr
 * with bpf_find_vma (allowed in tracepoint programs, 5.17+) to learn whether the region was
 * writable *before* the call: RW -> RX, the classic shellcode/JIT-spray step, is invisible from the
 * new protection alone. Mappings that are writable and executable at once are marked too.
 */
#include "probe.bpf.h"

#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define VM_WRITE 0x2
#define VM_EXEC 0x4

struct mem_args {
	__u64 start_ns;
	__u64 addr;
	__u64 len;
	__u64 pgoff;
	__u32 prot;
	__u32 flags;
	__s32 fd;
	__u32 mem_flags;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8192);
	__type(key, __u32);
	__type(value, struct mem_args);
} mem_stash SEC(".maps");

static __always_inline void stash(struct mem_args *a)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	if (bpf_map_update_elem(&mem_stash, &tid, a, BPF_ANY))
		count(CNT_STASH_MISS);
}

SEC("tracepoint/syscalls/sys_enter_mmap")
int on_enter_mmap(struct trace_event_raw_sys_enter *ctx)
{
	if (task_filtered())
		return 0;
	struct mem_args a = {
		.start_ns = bpf_ktime_get_ns(), .addr = SYS_ARG(ctx, 0), .len = SYS_ARG(ctx, 1),
		.prot = SYS_ARG(ctx, 2), .flags = SYS_ARG(ctx, 3), .fd = (__s32)SYS_ARG(ctx, 4),
		.pgoff = SYS_ARG(ctx, 5),
	};
	if ((a.prot & (PROT_WRITE | PROT_EXEC)) == (PROT_WRITE | PROT_EXEC))
		a.mem_flags = MEM_F_WRITE_EXEC;
	stash(&a);
	return 0;
}

struct vma_seen {
	__u64 vm_flags;
};

static long vma_flags_cb(struct task_struct *task, struct vm_area_struct *vma, void *data)
{
	((struct vma_seen *)data)->vm_flags = vma->vm_flags;
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_mprotect")
int on_enter_mprotect(struct trace_event_raw_sys_enter *ctx)
{
	if (task_filtered())
		return 0;
	struct mem_args a = {
		.start_ns = bpf_ktime_get_ns(), .addr = SYS_ARG(ctx, 0), .len = SYS_ARG(ctx, 1),
		.prot = SYS_ARG(ctx, 2), .fd = -1,
	};
	struct vma_seen seen = {};
	struct task_struct *task = (struct task_struct *)bpf_get_current_task_btf();
	if (bpf_find_vma(task, a.addr, vma_flags_cb, &seen, 0)) {
		a.mem_flags |= MEM_F_NO_VMA;
	} else {
		if (seen.vm_flags & VM_WRITE)
			a.mem_flags |= MEM_F_WAS_WRITABLE;
		if (seen.vm_flags & VM_EXEC)
			a.mem_flags |= MEM_F_WAS_EXEC;
	}
	if ((a.prot & PROT_EXEC) && ((a.prot & PROT_WRITE) || (a.mem_flags & MEM_F_WAS_WRITABLE)))
		a.mem_flags |= MEM_F_WRITE_EXEC;
	stash(&a);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_mmap")
int on_exit_mmap(struct trace_event_raw_sys_exit *ctx)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct mem_args *a = bpf_map_lookup_elem(&mem_stash, &tid);
	if (!a)
		return 0;
	struct mmap_event ev = {};
	fill_header(&ev.hdr, EVENT_MMAP);
	ev.hdr.mono_ns = a->start_ns;
	ev.hdr.latency_ns = bpf_ktime_get_ns() - a->start_ns;
	ev.hdr.retval = ctx->ret;
	ev.hdr.size = sizeof(ev);
	ev.addr = a->addr;
	ev.len = a->len;
	ev.pgoff = a->pgoff;
	ev.prot = a->prot;
	ev.flags = a->flags;
	ev.fd = a->fd;
	ev.mem_flags = a->mem_flags;
	emit(&ev, sizeof(ev));
	bpf_map_delete_elem(&mem_stash, &tid);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_mprotect")
int on_exit_mprotect(struct trace_event_raw_sys_exit *ctx)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct mem_args *a = bpf_map_lookup_elem(&mem_stash, &tid);
	if (!a)
		return 0;
	struct mprotect_event ev = {};
	fill_header(&ev.hdr, EVENT_MPROTECT);
	ev.hdr.mono_ns = a->start_ns;
	ev.hdr.latency_ns = bpf_ktime_get_ns() - a->start_ns;
	ev.hdr.retval = ctx->ret;
	ev.hdr.size = sizeof(ev);
	ev.addr = a->addr;
	ev.len = a->len;
	ev.prot = a->prot;
	ev.mem_flags = a->mem_flags;
	emit(&ev, sizeof(ev));
	bpf_map_delete_elem(&mem_stash, &tid);
	return 0;
}
