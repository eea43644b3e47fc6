/* SPDX-License-Identifier: Apache-2.0 */
/*
 * exec probe.
 *
 * Hooks, and why:
 *  - syscalls:sys_enter_execve / sys_enter_execveat: the only place where the caller's argv is still
 *    in user memory (after a successful exec the old mm is gone). We stash filename + argv per thread.
 *  - tp_btf/sched_process_exec: fires after the new image is in place and hands us the linux_binprm,
 *    the only portable way (no kprobes, no LSM here) to see which *file* was executed, so we can mark
 *    memfd-backed and deleted executables. tp_btf gives typed, CO-RE-relocated arguments.
 *  - syscalls:sys_exit_execve / sys_exit_execveat: the return value, so failed execs are reported too,
 *    and the header is taken from the task as it is after the exec (new comm, new euid for setuid).
 */
#include "probe.bpf.h"

/* Enter -> exit state, keyed by thread id. 2.6 KiB per entry; execs in flight are few. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);
	__type(value, struct exec_event);
} exec_stash SEC(".maps");

/* The BPF stack is 512 bytes: events are built here. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct exec_event);
} exec_scratch SEC(".maps");

#define ARG_CHUNK 256   /* one argument is captured up to this many bytes */

struct arg_ctx {
	const char *const *argv;
	__u32 off;
	__u32 argc;
	__u32 flags;
	__u32 done;   /* argv ended (NULL) or space ran out */
};

static long read_arg(__u32 i, struct arg_ctx *c)
{
	__u32 zero = 0;
	struct exec_event *ev = bpf_map_lookup_elem(&exec_scratch, &zero);
	const char *arg = NULL;
	if (!ev || bpf_probe_read_user(&arg, sizeof(arg), &c->argv[i]) || !arg) {
		c->done = 1;
		return 1;
	}
	__u32 off = c->off;
	if (off > EXEC_ARGV_MAX - ARG_CHUNK) {
		c->flags |= EXEC_F_ARGV_TRUNCATED;
		c->done = 1;
		return 1;
	}
	long len = bpf_probe_read_user_str(&ev->argv[off], ARG_CHUNK, arg);
	if (len <= 0) {
		count(CNT_READ_ERROR);
		c->done = 1;
		return 1;
	}
	if (len == ARG_CHUNK)
		c->flags |= EXEC_F_ARGV_TRUNCATED;  /* this argument was cut */
	c->off = off + len;
	c->argc++;
	return 0;
}

static __always_inline int stash_exec(const char *filename, const char *const *argv, __u32 flags)
{
	__u32 zero = 0;
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct exec_event *ev = bpf_map_lookup_elem(&exec_scratch, &zero);
	if (!ev)
		return 0;

	ev->hdr.mono_ns = bpf_ktime_get_ns();
	ev->flags = flags;
	ev->argc = 0;
	ev->argv_len = 0;
	long n = bpf_probe_read_user_str(ev->filename, sizeof(ev->filename), filename);
	if (n < 0) {
		count(CNT_READ_ERROR);
		n = 1;
		ev->filename[0] = 0;
	}
	if (n == sizeof(ev->filename))
		ev->flags |= EXEC_F_FILENAME_TRUNCATED;
	ev->filename_len = n - 1;

	/* bpf_loop keeps the verifier's work linear in EXEC_ARGS_MAX (an unrolled loop explodes) */
	struct arg_ctx c = { .argv = argv };
	bpf_loop(EXEC_ARGS_MAX, read_arg, &c, 0);
	ev->flags |= c.flags;
	ev->argc = c.argc;
	__u32 off = c.off;
	if (!c.done) {
		const char *more = NULL;
		if (!bpf_probe_read_user(&more, sizeof(more), &argv[EXEC_ARGS_MAX]) && more)
			ev->flags |= EXEC_F_ARGV_TRUNCATED;
	}
	ev->argv_len = off;
	if (bpf_map_update_elem(&exec_stash, &tid, ev, BPF_ANY))
		count(CNT_STASH_MISS);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_execve")
int on_enter_execve(struct trace_event_raw_sys_enter *ctx)
{
	return stash_exec((const char *)SYS_ARG(ctx, 0), (const char *const *)SYS_ARG(ctx, 1), 0);
}

SEC("tracepoint/syscalls/sys_enter_execveat")
int on_enter_execveat(struct trace_event_raw_sys_enter *ctx)
{
	return stash_exec((const char *)SYS_ARG(ctx, 1), (const char *const *)SYS_ARG(ctx, 2),
			  EXEC_F_EXECVEAT);
}

SEC("tp_btf/sched_process_exec")
int BPF_PROG(on_sched_exec, struct task_struct *p, pid_t old_pid, struct linux_binprm *bprm)
{
	__u32 old = old_pid;
	__u32 now = p->pid;
	struct exec_event *ev = bpf_map_lookup_elem(&exec_stash, &old);
	if (!ev)
		return 0;

	struct file *file = bprm->file;
	struct dentry *dentry = file->f_path.dentry;
	char name[8] = {};
	bpf_probe_read_kernel_str(name, sizeof(name), dentry->d_name.name);
	/* memfd_create names its dentry "memfd:<name>" (hugetlbfs memfds too) */
	bool memfd = name[0] == 'm' && name[1] == 'e' && name[2] == 'm' && name[3] == 'f' &&
		     name[4] == 'd' && name[5] == ':';
	if (memfd)
		ev->flags |= EXEC_F_EXE_MEMFD;
	/* memfds are unlinked by construction; "deleted" means a file that was on disk */
	else if (file->f_inode->i_nlink == 0)
		ev->flags |= EXEC_F_EXE_DELETED;

	/* fexecve/AT_EMPTY_PATH passes "": report what the kernel executed ("/dev/fd/N") */
	if (ev->filename_len == 0) {
		long n = bpf_probe_read_kernel_str(ev->filename, sizeof(ev->filename), bprm->filename);
		ev->filename_len = n > 0 ? n - 1 : 0;
	}

	/* a non-leader thread that execs takes over the leader's pid: sys_exit sees the new id */
	if (old != now) {
		bpf_map_update_elem(&exec_stash, &now, ev, BPF_ANY);
		bpf_map_delete_elem(&exec_stash, &old);
	}
	return 0;
}

static __always_inline int finish_exec(long ret)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct exec_event *ev = bpf_map_lookup_elem(&exec_stash, &tid);
	if (!ev) {
		count(CNT_STASH_MISS);
		return 0;
	}
	/* filters run on the task as it is after exec: its new comm is what users name */
	if (task_filtered()) {
		bpf_map_delete_elem(&exec_stash, &tid);
		return 0;
	}
	__u64 start = ev->hdr.mono_ns;
	fill_header(&ev->hdr, EVENT_EXEC);
	ev->hdr.mono_ns = start;
	ev->hdr.latency_ns = bpf_ktime_get_ns() - start;
	ev->hdr.retval = ret;
	__u32 len = ev->argv_len;
	if (len > EXEC_ARGV_MAX)
		len = EXEC_ARGV_MAX;
	__u32 size = offsetof(struct exec_event, argv) + len;
	ev->hdr.size = size;
	emit(ev, size);
	bpf_map_delete_elem(&exec_stash, &tid);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_execve")
int on_exit_execve(struct trace_event_raw_sys_exit *ctx)
{
	return finish_exec(ctx->ret);
}

SEC("tracepoint/syscalls/sys_exit_execveat")
int on_exit_execveat(struct trace_event_raw_sys_exit *ctx)
{
	return finish_exec(ctx->ret);
}
