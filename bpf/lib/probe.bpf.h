/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What every probe object shares: read-only configuration, the ring buffer with batched wakeups,
 * per-CPU counters and the kernel-side filters. Included once per probe object, so each object has
 * its own copy of these maps (a probe can be loaded and unloaded on its own).
 */
#ifndef INFRASIGHT_PROBE_BPF_H
#define INFRASIGHT_PROBE_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "events.h"

char LICENSE[] SEC("license") = "GPL";

#define AT_FDCWD -100

/*
 * Read-only configuration (.rodata), set by user space between open and load: the verifier then
 * sees constants and prunes disabled filters entirely, so a filter that is off costs nothing.
 */
const volatile __u32 cfg_self_tgid = 0;          /* 0 = do not exclude our own process */
const volatile __u32 cfg_wakeup_bytes = 262144;   /* wake the consumer once this much is queued */
const volatile __u32 cfg_filter_comm = 0;         /* 1 = drop tasks whose comm is in filter_comm */
const volatile __u32 cfg_filter_uid = 0;          /* 1 = drop tasks whose uid is in filter_uid */
const volatile __u32 cfg_filter_path = 0;         /* 1 = keep only absolute paths under filter_prefix */

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 8 * 1024 * 1024);   /* user space resizes it before load */
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, CNT__MAX);
	__type(key, __u32);
	__type(value, __u64);
} counters SEC(".maps");

struct comm_key {
	char comm[EVENT_COMM_LEN];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, struct comm_key);
	__type(value, __u8);
} filter_comm SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, __u32);
	__type(value, __u8);
} filter_uid SEC(".maps");

static __always_inline void count(__u32 idx)
{
	__u64 *v = bpf_map_lookup_elem(&counters, &idx);
	/* per-CPU slot and tracepoint programs do not migrate: a plain increment is race-free */
	if (v)
		*v += 1;
}

/*
 * Batched wakeup (FACTS.md: ~3x cheaper per event than waking on every record): the consumer is
 * woken only when a backlog builds up; otherwise it finds the records on its periodic poll.
 */
static __always_inline __u64 wakeup_flags(void)
{
	return bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) >= cfg_wakeup_bytes ? BPF_RB_FORCE_WAKEUP
										   : BPF_RB_NO_WAKEUP;
}

static __always_inline void emit(void *record, __u64 size)
{
	if (bpf_ringbuf_output(&events, record, size, wakeup_flags()))
		count(CNT_RB_FULL);
	else
		count(CNT_EMITTED);
}

/* Self, comm and uid filters; true = drop (and counted). Cheap checks first. */
static __always_inline bool task_filtered(void)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	if (cfg_self_tgid && tgid == cfg_self_tgid) {
		count(CNT_FILTERED_SELF);
		return true;
	}
	if (cfg_filter_uid) {
		__u32 uid = (__u32)bpf_get_current_uid_gid();
		if (bpf_map_lookup_elem(&filter_uid, &uid)) {
			count(CNT_FILTERED_UID);
			return true;
		}
	}
	if (cfg_filter_comm) {
		struct comm_key k = {};
		bpf_get_current_comm(k.comm, sizeof(k.comm));
		if (bpf_map_lookup_elem(&filter_comm, &k)) {
			count(CNT_FILTERED_COMM);
			return true;
		}
	}
	return false;
}

static __always_inline void fill_header(struct event_header *h, __u16 kind)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task_btf();
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u64 uid_gid = bpf_get_current_uid_gid();

	h->kind = kind;
	h->cpu = bpf_get_smp_processor_id();
	h->tgid = pid_tgid >> 32;
	h->pid = (__u32)pid_tgid;
	h->ppid = BPF_CORE_READ(task, real_parent, tgid);
	h->uid = (__u32)uid_gid;
	h->gid = uid_gid >> 32;
	h->euid = BPF_CORE_READ(task, cred, euid.val);
	h->cgroup_id = bpf_get_current_cgroup_id();
	bpf_get_current_comm(h->comm, sizeof(h->comm));
}

/* Syscall tracepoint contexts (stable format: see /sys/kernel/tracing/events/syscalls/<x>/format) */
#define SYS_ARG(ctx, n) ((ctx)->args[n])

#endif
