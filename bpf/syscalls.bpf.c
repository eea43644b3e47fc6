/* SPDX-License-Identifier: Apache-2.0 */
/*
 * syscall frequency probe: per process and interval, how often it made each syscall.
 *
 * Hooks, and why:
 *  - tp_btf/sys_enter: ONE program for every syscall. Any syscalls:sys_enter_* tracepoint would put
 *    every task on the slow syscall path anyway, and one program that reads the id is cheaper than
 *    hundreds of per-syscall tracepoints (FACTS.md: ~50 ns per counted syscall). tp_btf rather than
 *    raw_tp because only BPF_PROG_TYPE_TRACING programs may use bpf_timer (below).
 *  - tp_btf/sched_process_exit: flushes a process's last interval when its LAST thread exits
 *    (group_dead), so short-lived processes are reported and the map does not fill with the dead.
 *  - tp_btf/sched_process_exec: an exec renames the process; its header is taken again.
 *  - a bpf_timer every cfg_interval_ns walks the map and emits one record per active process. The
 *    harvest stays in the kernel because counters are read and zeroed with one atomic exchange each:
 *    an increment racing with the harvest lands in this interval or the next, never nowhere, so
 *    counts are exact. It also needs no map access from user space: records arrive through the same
 *    batched ring buffer as every other probe's.
 */
#include "probe.bpf.h"

#define CLOCK_MONOTONIC 1
#define E2BIG 7

const volatile __u64 cfg_interval_ns = 10000000000ULL;

/* A process's counts for the current interval, and the header it is reported with. */
struct proc_syscalls {
	struct event_header meta;   /* as seen by its first syscall of the interval */
	__u64 interval_start;
	__u32 refresh;              /* 1 = take meta again at the next syscall (comm may have changed) */
	__u32 _pad0;
	__u32 counts[SYSCALL_NR_MAX];
};

/* Not preallocated: memory follows the number of live processes (2.2 KiB each), not the maximum. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, 32768);
	__type(key, __u32);
	__type(value, struct proc_syscalls);
} sc_procs SEC(".maps");

/* Template for new entries (the value is larger than the BPF stack); counts stay zero. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct proc_syscalls);
} sc_template SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct syscall_frequency_event);
} sc_scratch SEC(".maps");

struct ticker_value {
	struct bpf_timer timer;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct ticker_value);
} sc_ticker SEC(".maps");

volatile __u32 ticker_started;

struct flush_ctx {
	struct proc_syscalls *p;
	struct syscall_frequency_event *e;
	__u32 n;
};

static long take_count(__u32 i, struct flush_ctx *c)
{
	struct proc_syscalls *p = c->p;
	struct syscall_frequency_event *e = c->e;
	__u32 idx = i & (SYSCALL_NR_MAX - 1);
	if (i >= SYSCALL_NR_MAX)
		return 1;
	if (!p->counts[idx])
		return 0;
	/* read and zero in one step: a concurrent increment is never lost */
	__u32 v = __sync_lock_test_and_set(&p->counts[idx], 0);
	__u32 n = c->n;
	if (!v || n >= SYSCALL_NR_MAX)
		return 0;
	e->counts[n].id = idx;
	e->counts[n].count = v;
	c->n = n + 1;
	return 0;
}

/* Emits what p counted since its last flush (nothing if it made no syscall). */
static __always_inline void flush(struct proc_syscalls *p, __u32 flags)
{
	__u32 zero = 0;
	struct syscall_frequency_event *e = bpf_map_lookup_elem(&sc_scratch, &zero);
	if (!e)
		return;
	struct flush_ctx c = { .p = p, .e = e, .n = 0 };
	bpf_loop(SYSCALL_NR_MAX, take_count, &c, 0);
	__u64 now = bpf_ktime_get_ns();
	__u64 start = p->interval_start;
	p->interval_start = now;
	p->refresh = 1;
	if (!c.n)
		return;
	__builtin_memcpy(&e->hdr, &p->meta, sizeof(e->hdr));
	e->hdr.kind = EVENT_SYSCALL_FREQUENCY;
	e->hdr.cpu = bpf_get_smp_processor_id();
	e->hdr.mono_ns = now;
	e->interval_ns = now - start;
	e->flags = flags;
	__u32 n = c.n;
	if (n > SYSCALL_NR_MAX)
		n = SYSCALL_NR_MAX;
	e->nr = n;
	__u32 size = offsetof(struct syscall_frequency_event, counts) + n * sizeof(struct syscall_count);
	e->hdr.size = size;
	emit(e, size);
}

static long flush_one(void *map, __u32 *key, struct proc_syscalls *p, void *ctx)
{
	flush(p, 0);
	return 0;
}

static int on_tick(void *map, __u32 *key, struct ticker_value *t)
{
	bpf_for_each_map_elem(&sc_procs, flush_one, NULL, 0);
	bpf_timer_start(&t->timer, cfg_interval_ns, 0);
	return 0;
}

/* Armed by the first syscall seen: the timer lives and dies with the maps of this object. */
static __always_inline void start_ticker(void)
{
	__u32 zero = 0;
	struct ticker_value *t = bpf_map_lookup_elem(&sc_ticker, &zero);
	ticker_started = 1;
	if (!t)
		return;
	if (bpf_timer_init(&t->timer, &sc_ticker, CLOCK_MONOTONIC) == 0) {
		bpf_timer_set_callback(&t->timer, on_tick);
		bpf_timer_start(&t->timer, cfg_interval_ns, 0);
	}
}

static __always_inline struct proc_syscalls *new_proc(__u32 tgid)
{
	__u32 zero = 0;
	struct proc_syscalls *tmpl = bpf_map_lookup_elem(&sc_template, &zero);
	if (!tmpl)
		return NULL;
	fill_header(&tmpl->meta, EVENT_SYSCALL_FREQUENCY);
	tmpl->meta.pid = tgid;
	tmpl->interval_start = bpf_ktime_get_ns();
	tmpl->refresh = 0;
	/* NOEXIST: another thread of the same process may have created it meanwhile */
	if (bpf_map_update_elem(&sc_procs, &tgid, tmpl, BPF_NOEXIST) == -E2BIG) {
		count(CNT_STASH_MISS);   /* map full: this process is not counted */
		return NULL;
	}
	return bpf_map_lookup_elem(&sc_procs, &tgid);
}

SEC("tp_btf/sys_enter")
int BPF_PROG(sc_sys_enter, struct pt_regs *regs, long id)
{
	if (!ticker_started)
		start_ticker();
	if (task_filtered())
		return 0;
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	struct proc_syscalls *p = bpf_map_lookup_elem(&sc_procs, &tgid);
	if (!p) {
		p = new_proc(tgid);
		if (!p)
			return 0;
	}
	if ((unsigned long)id >= SYSCALL_NR_MAX) {
		count(CNT_READ_ERROR);   /* an id outside the x86-64 table (x32 ABI) */
		return 0;
	}
	__sync_fetch_and_add(&p->counts[id], 1);
	if (p->refresh) {
		p->refresh = 0;
		fill_header(&p->meta, EVENT_SYSCALL_FREQUENCY);
		p->meta.pid = tgid;
	}
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(sc_process_exit, struct task_struct *task, bool group_dead)
{
	if (!group_dead)
		return 0;
	__u32 tgid = task->tgid;
	struct proc_syscalls *p = bpf_map_lookup_elem(&sc_procs, &tgid);
	if (!p)
		return 0;
	/* the header as the process ends: what it last exec'ed, its last credentials */
	fill_header(&p->meta, EVENT_SYSCALL_FREQUENCY);
	p->meta.pid = tgid;
	flush(p, SYSCALL_FREQ_F_EXIT);
	bpf_map_delete_elem(&sc_procs, &tgid);
	return 0;
}

/* exec changes comm (and maybe credentials): take the header again at the next syscall */
SEC("tp_btf/sched_process_exec")
int BPF_PROG(sc_process_exec, struct task_struct *task, pid_t old_pid, struct linux_binprm *bprm)
{
	__u32 tgid = task->tgid;
	struct proc_syscalls *p = bpf_map_lookup_elem(&sc_procs, &tgid);
	if (p)
		p->refresh = 1;
	return 0;
}
