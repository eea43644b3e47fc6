/* SPDX-License-Identifier: Apache-2.0 */
/* The floor: a tp_btf sys_enter program that does nothing. What every syscall pays for a hook at all. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

SEC("tp_btf/sys_enter")
int BPF_PROG(bench_empty, struct pt_regs *regs, long id)
{
	return 0;
}
