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

/* 1 = emit only what is marked MEM_F_WRITE_EXEC (the configuration's onlyWriteExec) */
const volatile __u32 cfg_only_wx = 0;

#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define VM_WRITE 0x2
#define VM_EXEC 0x4

/*
 * The stashes hold the records themselves: enter fills the arguments (and the marks), exit the
 * header and result, and the map value is emitted as is (this also puts both record types into the
 * object's BTF for the ABI test). mono_ns carries the enter time until exit.
 */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8192);
	__type(key, __u32);
	__type(value, struct mmap_event);
} mmap_stash SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 8192);
	__type(key, __u32);
	__type(value, struct mprotect_event);
} mprotect_stash SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_mmap")
int on_enter_mmap(struct trace_event_raw_sys_enter *ctx)
{
	if (task_filtered())
		return 0;
	struct mmap_event ev = {
		.hdr.mono_ns = bpf_ktime_get_ns(), .addr = SYS_ARG(ctx, 0), .len = SYS_ARG(ctx, 1),
		.prot = SYS_ARG(ctx, 2), .flags = SYS_ARG(ctx, 3), .fd = (__s32)SYS_ARG(ctx, 4),
		.pgoff = SYS_ARG(ctx, 5),
	};
	if ((ev.prot & (PROT_WRITE | PROT_EXEC)) == (PROT_WRITE | PROT_EXEC))
		ev.mem_flags = MEM_F_WRITE_EXEC;
	if (cfg_only_wx && !(ev.mem_flags & MEM_F_WRITE_EXEC)) {
		count(CNT_FILTERED_OTHER);
		return 0;
	}
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	if (bpf_map_update_elem(&mmap_stash, &tid, &ev, BPF_ANY))
		count(CNT_STASH_MISS);
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
	struct mprotect_event ev = {
		.hdr.mono_ns = bpf_ktime_get_ns(), .addr = SYS_ARG(ctx, 0), .len = SYS_ARG(ctx, 1),
		.prot = SYS_ARG(ctx, 2),
	};
	struct vma_seen seen = {};
	struct task_struct *task = (struct task_struct *)bpf_get_current_task_btf();
	if (bpf_find_vma(task, ev.addr, vma_flags_cb, &seen, 0)) {
		ev.mem_flags |= MEM_F_NO_VMA;
	} else {
		if (seen.vm_flags & VM_WRITE)
			ev.mem_flags |= MEM_F_WAS_WRITABLE;
		if (seen.vm_flags & VM_EXEC)
			ev.mem_flags |= MEM_F_WAS_EXEC;
	}
	if ((ev.prot & PROT_EXEC) && ((ev.prot & PROT_WRITE) || (ev.mem_flags & MEM_F_WAS_WRITABLE)))
		ev.mem_flags |= MEM_F_WRITE_EXEC;
	if (cfg_only_wx && !(ev.mem_flags & MEM_F_WRITE_EXEC)) {
		count(CNT_FILTERED_OTHER);
		return 0;
	}
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	if (bpf_map_update_elem(&mprotect_stash, &tid, &ev, BPF_ANY))
		count(CNT_STASH_MISS);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_mmap")
int on_exit_mmap(struct trace_event_raw_sys_exit *ctx)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct mmap_event *ev = bpf_map_lookup_elem(&mmap_stash, &tid);
	if (!ev)
		return 0;
	__u64 start_ns = ev->hdr.mono_ns;
	fill_header(&ev->hdr, EVENT_MMAP);
	ev->hdr.mono_ns = start_ns;
	ev->hdr.latency_ns = bpf_ktime_get_ns() - start_ns;
	ev->hdr.retval = ctx->ret;
	ev->hdr.size = sizeof(*ev);
	emit(ev, sizeof(*ev));
	bpf_map_delete_elem(&mmap_stash, &tid);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_mprotect")
int on_exit_mprotect(struct trace_event_raw_sys_exit *ctx)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct mprotect_event *ev = bpf_map_lookup_elem(&mprotect_stash, &tid);
	if (!ev)
		return 0;
	__u64 start_ns = ev->hdr.mono_ns;
	fill_header(&ev->hdr, EVENT_MPROTECT);
	ev->hdr.mono_ns = start_ns;
	ev->hdr.latency_ns = bpf_ktime_get_ns() - start_ns;
	ev->hdr.retval = ctx->ret;
	ev->hdr.size = sizeof(*ev);
	emit(ev, sizeof(*ev));
	bpf_map_delete_elem(&mprotect_stash, &tid);
	return 0;
}
