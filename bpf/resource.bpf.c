/* SPDX-License-Identifier: Apache-2.0 */
/*
 * resource probe: per process and interval, CPU time, page faults, bytes read/written, RSS and
 * thread count, with a final interval when the process's last thread exits.
 *
 * Hooks, and why:
 *  - tp_btf/sched_stat_runtime: fires from the scheduler's update_curr() for the running task on
 *    every tick, switch and wakeup, so a thread that burns CPU without ever sleeping is accounted
 *    within a tick, not only when it finally switches out. There we take the thread's own
 *    counters (sum_exec_runtime, min_flt, maj_flt, ioac.rchar/wchar) and add what grew since we
 *    last looked to its process. Threads are keyed by their task_struct, not their tid: a
 *    non-leader thread that execs takes the leader's tid midway through the exec, and keyed by tid
 *    it would look new and be counted again from zero. Deltas per thread, because a thread's counters die with it: the
 *    process keeps what its threads did even after they exit (signal_struct only gets a dead
 *    thread's counters later, in release_task, after the last hook we could use).
 *  - tp_btf/sched_process_exit: a thread's final deltas; when group_dead (the LAST thread exits,
 *    signal->live reached 0) the process's final interval is flushed with lifecycle EXIT.
 *  - tp_btf/sched_process_exec: an exec renames the process; its header is taken again.
 *  - tp_btf/sched_process_fork: a new process (not a thread: those are in the thread count) is
 *    counted to the process that started it; a fork storm is its parent's forks, not only a
 *    crowd of tiny processes that each look harmless.
 *  - a bpf_timer every cfg_interval_ns emits one record per process seen and restarts its
 *    accumulators with atomic exchanges (nothing counted twice, nothing lost). Only
 *    BPF_PROG_TYPE_TRACING (tp_btf) programs may use bpf_timer, hence tp_btf everywhere.
 * No kprobes exist here (FACTS.md); these are stable tracepoints with typed (CO-RE) arguments.
 */
#include "probe.bpf.h"

#define CLOCK_MONOTONIC 1
#define E2BIG 7
#define PAGE_SHIFT 12
#define PF_EXITING 0x00000004
#define PF_KTHREAD 0x00200000
/* enum mm counters: MM_FILEPAGES, MM_ANONPAGES, MM_SWAPENTS, MM_SHMEMPAGES */
#define MM_FILEPAGES 0
#define MM_ANONPAGES 1
#define MM_SHMEMPAGES 3

const volatile __u64 cfg_interval_ns = 10000000000ULL;
/* CLOCK_MONOTONIC when the probe was configured: threads started later count from zero, older
 * ones from the moment they are first seen (their past is not this probe's interval) */
const volatile __u64 cfg_start_ns = 0;

struct thread_seen {
	__u64 runtime_ns;
	__u64 min_flt;
	__u64 maj_flt;
	__u64 rchar;
	__u64 wchar;
};

enum proc_flags {
	PROC_F_NEW = 1 << 0,       /* started after the probe: its first record says START */
	PROC_F_REFRESH = 1 << 1,   /* take the header again (after exec the comm changes) */
};

struct proc_usage {
	struct event_header meta;
	__u64 interval_start;
	/* accumulated in this interval; exchanged to zero by the flush */
	__u64 cpu_ns;
	__u64 min_flt;
	__u64 maj_flt;
	__u64 rchar;
	__u64 wchar;
	__u64 forks;
	/* last seen */
	__u64 rss_bytes;
	__u32 threads;
	__u32 flags;
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 65536);
	__type(key, __u64);   /* the task_struct's address: stable across a non-leader exec's tid change */
	__type(value, struct thread_seen);
} res_threads SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 32768);
	__type(key, __u32);
	__type(value, struct proc_usage);
} res_procs SEC(".maps");

struct ticker_value {
	struct bpf_timer timer;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct ticker_value);
} res_ticker SEC(".maps");

volatile __u32 ticker_started;
/* never used: keeps struct resource_event (built on the stack) in the object's BTF for the ABI test */
struct resource_event *resource_event_btf __attribute__((unused));

/* The header of the process t belongs to (t need not be the current task). */
static __always_inline void fill_meta(struct event_header *h, struct task_struct *t)
{
	h->kind = EVENT_RESOURCE;
	h->tgid = t->tgid;
	h->pid = t->tgid;
	h->ppid = BPF_CORE_READ(t, real_parent, tgid);
	h->uid = BPF_CORE_READ(t, cred, uid.val);
	h->gid = BPF_CORE_READ(t, cred, gid.val);
	h->euid = BPF_CORE_READ(t, cred, euid.val);
	h->cgroup_id = BPF_CORE_READ(t, cgroups, dfl_cgrp, kn, id);
	bpf_probe_read_kernel_str(h->comm, sizeof(h->comm), t->comm);
}

/* Self, uid and comm filters on task t (the shared task_filtered() looks at the current task). */
static __always_inline bool filtered(struct task_struct *t)
{
	if (cfg_self_tgid && t->tgid == cfg_self_tgid) {
		count(CNT_FILTERED_SELF);
		return true;
	}
	if (cfg_filter_uid) {
		__u32 uid = BPF_CORE_READ(t, cred, uid.val);
		if (bpf_map_lookup_elem(&filter_uid, &uid)) {
			count(CNT_FILTERED_UID);
			return true;
		}
	}
	if (cfg_filter_comm) {
		struct comm_key k = {};
		bpf_probe_read_kernel_str(k.comm, sizeof(k.comm), t->comm);
		if (bpf_map_lookup_elem(&filter_comm, &k)) {
			count(CNT_FILTERED_COMM);
			return true;
		}
	}
	return false;
}

static __always_inline void flush(struct proc_usage *p, __u32 lifecycle)
{
	struct resource_event e = {};
	__u64 now = bpf_ktime_get_ns();
	__builtin_memcpy(&e.hdr, &p->meta, sizeof(e.hdr));
	e.hdr.kind = EVENT_RESOURCE;
	e.hdr.size = sizeof(e);
	e.hdr.cpu = bpf_get_smp_processor_id();
	e.hdr.mono_ns = now;
	e.interval_ns = now - p->interval_start;
	p->interval_start = now;
	e.cpu_ns = __sync_lock_test_and_set(&p->cpu_ns, 0);
	e.minor_faults = __sync_lock_test_and_set(&p->min_flt, 0);
	e.major_faults = __sync_lock_test_and_set(&p->maj_flt, 0);
	e.read_bytes = __sync_lock_test_and_set(&p->rchar, 0);
	e.write_bytes = __sync_lock_test_and_set(&p->wchar, 0);
	__u64 forks = __sync_lock_test_and_set(&p->forks, 0);
	e.forks = forks > 0xffffffffULL ? 0xffffffffU : (__u32)forks;
	e.rss_bytes = p->rss_bytes;
	e.threads = p->threads;
	if (lifecycle == RESOURCE_EXIT)
		e.lifecycle = RESOURCE_EXIT;
	else
		e.lifecycle = (p->flags & PROC_F_NEW) ? RESOURCE_START : RESOURCE_RUNNING;
	p->flags = (p->flags & ~PROC_F_NEW) | PROC_F_REFRESH;
	emit(&e, sizeof(e));
}

static long flush_one(void *map, __u32 *key, struct proc_usage *p, void *ctx)
{
	flush(p, RESOURCE_RUNNING);
	return 0;
}

static int on_tick(void *map, __u32 *key, struct ticker_value *t)
{
	bpf_for_each_map_elem(&res_procs, flush_one, NULL, 0);
	bpf_timer_start(&t->timer, cfg_interval_ns, 0);
	return 0;
}

static __always_inline void start_ticker(void)
{
	__u32 zero = 0;
	struct ticker_value *t = bpf_map_lookup_elem(&res_ticker, &zero);
	ticker_started = 1;
	if (!t)
		return;
	if (bpf_timer_init(&t->timer, &res_ticker, CLOCK_MONOTONIC) == 0) {
		bpf_timer_set_callback(&t->timer, on_tick);
		bpf_timer_start(&t->timer, cfg_interval_ns, 0);
	}
}

/* t->flags as it is now, not as the caller read it a moment ago */
static __always_inline bool exiting_now(struct task_struct *t)
{
	return *(volatile unsigned int *)&t->flags & PF_EXITING;
}

/*
 * The process's entry; created when missing, except for a thread that is already exiting (outside
 * its own exit hook). The scheduler accounts a task from other CPUs too (a wakeup onto its run
 * queue, a read of its runtime), so that accounting can race the exit hook: it may find the thread
 * still known, and then reach this point just after the hook flushed and deleted the process.
 * Creating it again would leave a dead process in the table, reported every interval for ever.
 */
static __always_inline struct proc_usage *proc_of(struct task_struct *t, __u32 tgid, bool at_exit)
{
	struct proc_usage *p = bpf_map_lookup_elem(&res_procs, &tgid);
	if (p)
		return p;
	if (!at_exit && exiting_now(t))
		return NULL;
	struct proc_usage n = {};
	fill_meta(&n.meta, t);
	n.interval_start = bpf_ktime_get_ns();
	if (BPF_CORE_READ(t, group_leader, start_time) >= cfg_start_ns)
		n.flags = PROC_F_NEW;
	if (bpf_map_update_elem(&res_procs, &tgid, &n, BPF_NOEXIST) == -E2BIG) {
		count(CNT_STASH_MISS);   /* map full: this process is not accounted */
		return NULL;
	}
	return bpf_map_lookup_elem(&res_procs, &tgid);
}

/*
 * Adds what thread t did since we last looked to its process. at_exit: called from its exit hook.
 * The scheduler still accounts a thread after its exit hook ran (its last schedule()); by then its
 * entries are gone and it must not be seen as a new thread (that would count it all again, and
 * bring a finished process back), hence PF_EXITING without an entry = ignore.
 */
static __always_inline struct proc_usage *account(struct task_struct *t, bool at_exit)
{
	__u64 tkey = (__u64)t;
	__u32 tgid = t->tgid;
	__u32 flags = t->flags;
	/* kernel threads have no user-space process to attribute usage to (and are many) */
	if (flags & PF_KTHREAD)
		return NULL;
	if (!at_exit && (flags & PF_EXITING) && !bpf_map_lookup_elem(&res_threads, &tkey))
		return NULL;
	if (filtered(t))
		return NULL;
	struct proc_usage *p = proc_of(t, tgid, at_exit);
	if (!p)
		return NULL;
	__u64 runtime = t->se.sum_exec_runtime;
	__u64 min_flt = t->min_flt;
	__u64 maj_flt = t->maj_flt;
	/* direct (BTF-typed, CO-RE relocated) loads: this runs on every scheduler update, and a
	 * BPF_CORE_READ is a helper call each */
	__u64 rchar = t->ioac.rchar;
	__u64 wchar = t->ioac.wchar;

	struct thread_seen *s = bpf_map_lookup_elem(&res_threads, &tkey);
	if (!s) {
		/* the same race for the thread's own entry: its exit hook has deleted it already */
		if (!at_exit && exiting_now(t))
			return p;
		struct thread_seen n = {};
		/* a thread older than the probe: its past belongs to no interval of ours */
		if (t->start_time < cfg_start_ns) {
			n.runtime_ns = runtime;
			n.min_flt = min_flt;
			n.maj_flt = maj_flt;
			n.rchar = rchar;
			n.wchar = wchar;
		}
		if (bpf_map_update_elem(&res_threads, &tkey, &n, BPF_ANY)) {
			count(CNT_STASH_MISS);
			return p;
		}
		s = bpf_map_lookup_elem(&res_threads, &tkey);
		if (!s)
			return p;
	}
	/* counters only grow; a smaller value means a reused task we missed the exit of */
	if (runtime > s->runtime_ns)
		__sync_fetch_and_add(&p->cpu_ns, runtime - s->runtime_ns);
	if (min_flt > s->min_flt)
		__sync_fetch_and_add(&p->min_flt, min_flt - s->min_flt);
	if (maj_flt > s->maj_flt)
		__sync_fetch_and_add(&p->maj_flt, maj_flt - s->maj_flt);
	if (rchar > s->rchar)
		__sync_fetch_and_add(&p->rchar, rchar - s->rchar);
	if (wchar > s->wchar)
		__sync_fetch_and_add(&p->wchar, wchar - s->wchar);
	s->runtime_ns = runtime;
	s->min_flt = min_flt;
	s->maj_flt = maj_flt;
	s->rchar = rchar;
	s->wchar = wchar;

	struct mm_struct *mm = t->mm;
	if (mm) {   /* gone once the thread is past exit_mm() */
		__s64 pages = mm->rss_stat[MM_FILEPAGES].count + mm->rss_stat[MM_ANONPAGES].count +
			      mm->rss_stat[MM_SHMEMPAGES].count;
		p->rss_bytes = pages > 0 ? (__u64)pages << PAGE_SHIFT : 0;
	}
	p->threads = t->signal->nr_threads;
	if (p->flags & PROC_F_REFRESH) {
		p->flags &= ~PROC_F_REFRESH;
		fill_meta(&p->meta, t);
	}
	return p;
}

SEC("tp_btf/sched_stat_runtime")
int BPF_PROG(res_runtime, struct task_struct *t, __u64 runtime)
{
	if (!ticker_started)
		start_ticker();
	account(t, false);
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(res_process_exit, struct task_struct *t, bool group_dead)
{
	__u64 tkey = (__u64)t;
	__u32 tgid = t->tgid;
	struct proc_usage *p = account(t, true);
	bpf_map_delete_elem(&res_threads, &tkey);
	if (!group_dead || !p)
		return 0;
	/* the header as the process ends (its last exec, its last credentials); no thread is left */
	fill_meta(&p->meta, t);
	p->threads = 0;
	flush(p, RESOURCE_EXIT);
	bpf_map_delete_elem(&res_procs, &tgid);
	return 0;
}

/* a new process (the child leads its own thread group) counts to its parent's process */
SEC("tp_btf/sched_process_fork")
int BPF_PROG(res_process_fork, struct task_struct *parent, struct task_struct *child)
{
	if (child->pid != child->tgid)
		return 0;   /* a thread */
	if (!ticker_started)
		start_ticker();
	struct proc_usage *p = account(parent, false);
	if (p)
		__sync_fetch_and_add(&p->forks, 1);
	return 0;
}

/* exec changes comm (and maybe credentials): take the header again at the next accounting */
SEC("tp_btf/sched_process_exec")
int BPF_PROG(res_process_exec, struct task_struct *t, pid_t old_pid, struct linux_binprm *bprm)
{
	__u32 tgid = t->tgid;
	struct proc_usage *p = bpf_map_lookup_elem(&res_procs, &tgid);
	if (p)
		p->flags |= PROC_F_REFRESH;
	return 0;
}
