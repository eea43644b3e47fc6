// SPDX-License-Identifier: Apache-2.0
// A program the verifier must refuse (hash map value used without a NULL check; an array with a constant key would be accepted: newer kernels know that lookup cannot fail): proves that a
// rejection reaches Java with the verifier's own words.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} values SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_getppid")
int rejected(void *ctx)
{
	__u32 key = 0;
	__u64 *v = bpf_map_lookup_elem(&values, &key);
	*v += 1;
	return 0;
}
