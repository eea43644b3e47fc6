/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ptrace probe: every ptrace(2) request with its target, addr, data and result.
 *
 * Hooks, and why: syscalls:sys_{enter,exit}_ptrace; the arguments are plain integers, so enter
 * stashes them and exit emits them with the result (a PEEK's word or -errno). The request name is
 * added in user space from the number.
 */
#include "probe.bpf.h"

/*
 * The stash holds the record itself: enter fills the arguments, exit the header and result, and the
 * map value is emitted as is (this also puts struct ptrace_event into the object's BTF for the ABI test).
 */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, struct ptrace_event);
} ptrace_stash SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_ptrace")
int on_enter_ptrace(struct trace_event_raw_sys_enter *ctx)
{
	if (task_filtered())
		return 0;
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct ptrace_event ev = {
		.hdr.mono_ns = bpf_ktime_get_ns(), .request = (__s64)SYS_ARG(ctx, 0),
		.target_pid = (__s32)SYS_ARG(ctx, 1), .addr = SYS_ARG(ctx, 2), .data = SYS_ARG(ctx, 3),
	};
	if (bpf_map_update_elem(&ptrace_stash, &tid, &ev, BPF_ANY))
		count(CNT_STASH_MISS);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_ptrace")
int on_exit_ptrace(struct trace_event_raw_sys_exit *ctx)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct ptrace_event *ev = bpf_map_lookup_elem(&ptrace_stash, &tid);
	if (!ev)
		return 0;
	__u64 start_ns = ev->hdr.mono_ns;
	fill_header(&ev->hdr, EVENT_PTRACE);
	ev->hdr.mono_ns = start_ns;
	ev->hdr.latency_ns = bpf_ktime_get_ns() - start_ns;
	ev->hdr.retval = ctx->ret;
	ev->hdr.size = sizeof(*ev);
	emit(ev, sizeof(*ev));
	bpf_map_delete_elem(&ptrace_stash, &tid);
	return 0;
}
