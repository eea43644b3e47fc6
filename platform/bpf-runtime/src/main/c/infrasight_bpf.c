// SPDX-License-Identifier: Apache-2.0
/*
 * JNI over libbpf for io.infrasight.bpf.internal.Native.
 *
 * Design notes (why):
 *  - libbpf reports through a process-wide print callback; we capture WARN/INFO lines in a
 *    thread-local buffer that each entry point clears first, so an exception carries the libbpf and
 *    verifier log of exactly the call that failed.
 *  - The ring buffer is consumed with our own mmap reader instead of libbpf's ring_buffer API: that
 *    API calls back per record and drops the record on which a callback stops, while we must stop
 *    without consuming when the Java batch buffer is full. One JNI call moves a whole batch.
 *  - Handles are malloc'ed structs passed to Java as jlong; Java guarantees single close.
 */
#include <jni.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

#define LOG_CAP (64 * 1024)

static __thread char log_buf[LOG_CAP];
static __thread size_t log_len;

static int capture_print(enum libbpf_print_level level, const char *fmt, va_list args)
{
	if (level == LIBBPF_DEBUG)
		return 0;
	if (log_len < LOG_CAP - 1) {
		int n = vsnprintf(log_buf + log_len, LOG_CAP - log_len, fmt, args);
		if (n > 0)
			log_len = log_len + n < LOG_CAP - 1 ? log_len + n : LOG_CAP - 1;
	}
	return 0;
}

static void log_clear(void)
{
	log_len = 0;
	log_buf[0] = 0;
}

static void throw_bpf(JNIEnv *env, const char *what, int err)
{
	if (err < 0)
		err = -err;
	jclass cls = (*env)->FindClass(env, "io/infrasight/bpf/BpfException");
	if (!cls)
		return;
	jmethodID ctor = (*env)->GetMethodID(env, cls, "<init>", "(Ljava/lang/String;ILjava/lang/String;)V");
	if (!ctor)
		return;
	char msg[512];
	snprintf(msg, sizeof(msg), "%s: %s", what, err ? strerror(err) : "failed");
	jstring jmsg = (*env)->NewStringUTF(env, msg);
	jstring jlog = (*env)->NewStringUTF(env, log_buf);
	jobject ex = (*env)->NewObject(env, cls, ctor, jmsg, (jint)err, jlog);
	if (ex)
		(*env)->Throw(env, ex);
}

struct object {
	struct bpf_object *obj;
	void *elf;                  /* libbpf reads the ELF in place until load: keep our copy */
	struct bpf_link **links;
	int nlinks;
};

struct ring {
	int map_fd;
	int epoll_fd;
	size_t page_size;
	unsigned long mask;
	unsigned long *consumer_pos;
	unsigned long *producer_pos;
	char *data;
	size_t prod_len;
};

JNIEXPORT void JNICALL Java_io_infrasight_bpf_internal_Native_init(JNIEnv *env, jclass c)
{
	libbpf_set_print(capture_print);
}

JNIEXPORT jstring JNICALL Java_io_infrasight_bpf_internal_Native_libbpfVersion(JNIEnv *env, jclass c)
{
	char v[32];
	snprintf(v, sizeof(v), "%u.%u", libbpf_major_version(), libbpf_minor_version());
	return (*env)->NewStringUTF(env, v);
}

JNIEXPORT jlong JNICALL Java_io_infrasight_bpf_internal_Native_monoToRealtimeOffsetNs(JNIEnv *env, jclass c)
{
	struct timespec mono, real, mono2;
	clock_gettime(CLOCK_MONOTONIC, &mono);
	clock_gettime(CLOCK_REALTIME, &real);
	clock_gettime(CLOCK_MONOTONIC, &mono2);
	long long m = ((long long)mono.tv_sec * 1000000000LL + mono.tv_nsec +
		       (long long)mono2.tv_sec * 1000000000LL + mono2.tv_nsec) / 2;
	return (long long)real.tv_sec * 1000000000LL + real.tv_nsec - m;
}

/* libbpf attaches syscall tracepoints through tracefs; a minimal system may not have it mounted. */
JNIEXPORT void JNICALL Java_io_infrasight_bpf_internal_Native_ensureTracefs(JNIEnv *env, jclass c)
{
	if (access("/sys/kernel/tracing/events", F_OK) == 0 ||
	    access("/sys/kernel/debug/tracing/events", F_OK) == 0)
		return;
	log_clear();
	if (mount("tracefs", "/sys/kernel/tracing", "tracefs", 0, NULL) != 0) {
		int err = errno;
		snprintf(log_buf, LOG_CAP, "tracefs is not mounted and could not be mounted; run "
			 "'mount -t tracefs tracefs /sys/kernel/tracing' as root or grant CAP_SYS_ADMIN");
		throw_bpf(env, "mount tracefs on /sys/kernel/tracing", err);
	}
}

JNIEXPORT jlong JNICALL Java_io_infrasight_bpf_internal_Native_open(JNIEnv *env, jclass c, jstring jname,
								    jbyteArray elf)
{
	log_clear();
	jsize len = (*env)->GetArrayLength(env, elf);
	struct object *o = calloc(1, sizeof(*o));
	if (!o || !(o->elf = malloc(len))) {
		free(o);
		throw_bpf(env, "open BPF object", ENOMEM);
		return 0;
	}
	(*env)->GetByteArrayRegion(env, elf, 0, len, o->elf);
	const char *name = (*env)->GetStringUTFChars(env, jname, NULL);
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = name);
	o->obj = bpf_object__open_mem(o->elf, len, &opts);
	int err = errno;
	(*env)->ReleaseStringUTFChars(env, jname, name);
	if (!o->obj) {
		free(o->elf);
		free(o);
		throw_bpf(env, "open BPF object", err);
		return 0;
	}
	return (jlong)(long)o;
}

static struct bpf_map *find_map(JNIEnv *env, struct object *o, jstring jname)
{
	const char *name = (*env)->GetStringUTFChars(env, jname, NULL);
	struct bpf_map *m = bpf_object__find_map_by_name(o->obj, name);
	if (!m) {
		char what[256];
		snprintf(what, sizeof(what), "no map '%s' in object %s", name, bpf_object__name(o->obj));
		throw_bpf(env, what, ENOENT);
	}
	(*env)->ReleaseStringUTFChars(env, jname, name);
	return m;
}

/* Writes a variable of .rodata before load; the verifier then treats it as a constant. */
JNIEXPORT void JNICALL Java_io_infrasight_bpf_internal_Native_setRodata(JNIEnv *env, jclass c, jlong h,
								       jstring jvar, jbyteArray value)
{
	struct object *o = (struct object *)(long)h;
	log_clear();
	struct bpf_map *m = bpf_object__find_map_by_name(o->obj, ".rodata");
	struct btf *btf = bpf_object__btf(o->obj);
	int sec = btf ? btf__find_by_name_kind(btf, ".rodata", BTF_KIND_DATASEC) : -1;
	if (!m || sec < 0) {
		throw_bpf(env, "object has no .rodata section", ENOENT);
		return;
	}
	size_t size;
	/* libbpf 1.1 hands out a const view: edit a copy and set it back (once per variable, cheap) */
	const void *init = bpf_map__initial_value(m, &size);
	char *data = malloc(size);
	if (!init || !data) {
		free(data);
		throw_bpf(env, ".rodata not accessible", ENOMEM);
		return;
	}
	memcpy(data, init, size);
	const char *var = (*env)->GetStringUTFChars(env, jvar, NULL);
	const struct btf_type *t = btf__type_by_id(btf, sec);
	const struct btf_var_secinfo *vs = btf_var_secinfos(t);
	jsize len = (*env)->GetArrayLength(env, value);
	int found = 0;
	for (int i = 0; i < btf_vlen(t); i++, vs++) {
		const struct btf_type *vt = btf__type_by_id(btf, vs->type);
		if (strcmp(btf__name_by_offset(btf, vt->name_off), var) != 0)
			continue;
		found = 1;
		if ((size_t)len != vs->size || vs->offset + vs->size > size) {
			char what[256];
			snprintf(what, sizeof(what), ".rodata variable '%s' has %u bytes, got %d", var, vs->size, len);
			throw_bpf(env, what, EINVAL);
		} else {
			(*env)->GetByteArrayRegion(env, value, 0, len, (jbyte *)(data + vs->offset));
			int err = bpf_map__set_initial_value(m, data, size);
			if (err)
				throw_bpf(env, "set .rodata", err);
		}
		break;
	}
	if (!found) {
		char what[256];
		snprintf(what, sizeof(what), "no .rodata variable '%s'", var);
		throw_bpf(env, what, ENOENT);
	}
	free(data);
	(*env)->ReleaseStringUTFChars(env, jvar, var);
}

JNIEXPORT void JNICALL Java_io_infrasight_bpf_internal_Native_setMaxEntries(JNIEnv *env, jclass c, jlong h,
									   jstring jmap, jint n)
{
	struct object *o = (struct object *)(long)h;
	log_clear();
	struct bpf_map *m = find_map(env, o, jmap);
	if (!m)
		return;
	int err = bpf_map__set_max_entries(m, n);
	if (err)
		throw_bpf(env, "set map max_entries", err);
}

/* Before load: a program left out is neither loaded nor attached (a hook this kernel lacks). */
JNIEXPORT void JNICALL Java_io_infrasight_bpf_internal_Native_setAutoload(JNIEnv *env, jclass c, jlong h,
									 jstring jprog, jboolean on)
{
	struct object *o = (struct object *)(long)h;
	log_clear();
	const char *name = (*env)->GetStringUTFChars(env, jprog, NULL);
	struct bpf_program *p = bpf_object__find_program_by_name(o->obj, name);
	if (!p) {
		char what[256];
		snprintf(what, sizeof(what), "no program '%s' in object %s", name, bpf_object__name(o->obj));
		throw_bpf(env, what, ENOENT);
	} else {
		int err = bpf_program__set_autoload(p, on);
		if (err)
			throw_bpf(env, "set program autoload", err);
	}
	(*env)->ReleaseStringUTFChars(env, jprog, name);
}

JNIEXPORT void JNICALL Java_io_infrasight_bpf_internal_Native_load(JNIEnv *env, jclass c, jlong h)
{
	struct object *o = (struct object *)(long)h;
	log_clear();
	int err = bpf_object__load(o->obj);
	if (err)
		throw_bpf(env, "load BPF object (verifier or kernel refused it; see log)", err);
}

JNIEXPORT void JNICALL Java_io_infrasight_bpf_internal_Native_attachAll(JNIEnv *env, jclass c, jlong h)
{
	struct object *o = (struct object *)(long)h;
	struct bpf_program *p;
	int n = 0;
	log_clear();
	bpf_object__for_each_program(p, o->obj)
		n++;
	o->links = calloc(n, sizeof(*o->links));
	if (!o->links) {
		throw_bpf(env, "attach", ENOMEM);
		return;
	}
	bpf_object__for_each_program(p, o->obj) {
		if (!bpf_program__autoload(p))
			continue;   /* left out before load (setAutoload) */
		struct bpf_link *l = bpf_program__attach(p);
		if (!l) {
			int err = errno;
			char what[256];
			snprintf(what, sizeof(what), "attach program '%s' (%s)", bpf_program__name(p),
				 bpf_program__section_name(p));
			throw_bpf(env, what, err);
			return;   /* links made so far are destroyed by close */
		}
		o->links[o->nlinks++] = l;
	}
}

JNIEXPORT void JNICALL Java_io_infrasight_bpf_internal_Native_mapUpdate(JNIEnv *env, jclass c, jlong h,
								       jstring jmap, jbyteArray jkey,
								       jbyteArray jvalue, jboolean del)
{
	struct object *o = (struct object *)(long)h;
	log_clear();
	struct bpf_map *m = find_map(env, o, jmap);
	if (!m)
		return;
	jsize klen = (*env)->GetArrayLength(env, jkey);
	if ((size_t)klen != bpf_map__key_size(m)) {
		throw_bpf(env, "map key size mismatch", EINVAL);
		return;
	}
	char key[512], value[512];
	if (klen > (jsize)sizeof(key)) {
		throw_bpf(env, "map key too large", EINVAL);
		return;
	}
	(*env)->GetByteArrayRegion(env, jkey, 0, klen, (jbyte *)key);
	int err;
	if (del) {
		err = bpf_map_delete_elem(bpf_map__fd(m), key);
		if (err && errno == ENOENT)
			err = 0;   /* deleting what is not there is not an error for a filter set */
	} else {
		jsize vlen = (*env)->GetArrayLength(env, jvalue);
		if ((size_t)vlen != bpf_map__value_size(m) || vlen > (jsize)sizeof(value)) {
			throw_bpf(env, "map value size mismatch", EINVAL);
			return;
		}
		(*env)->GetByteArrayRegion(env, jvalue, 0, vlen, (jbyte *)value);
		err = bpf_map_update_elem(bpf_map__fd(m), key, value, BPF_ANY);
	}
	if (err)
		throw_bpf(env, del ? "map delete" : "map update", errno);
}

/* Sums each u64 slot of a per-CPU array over all possible CPUs. */
JNIEXPORT jlongArray JNICALL Java_io_infrasight_bpf_internal_Native_perCpuSums(JNIEnv *env, jclass c, jlong h,
									      jstring jmap)
{
	struct object *o = (struct object *)(long)h;
	log_clear();
	struct bpf_map *m = find_map(env, o, jmap);
	if (!m)
		return NULL;
	if (bpf_map__type(m) != BPF_MAP_TYPE_PERCPU_ARRAY || bpf_map__value_size(m) != 8) {
		throw_bpf(env, "not a per-CPU array of u64", EINVAL);
		return NULL;
	}
	int ncpu = libbpf_num_possible_cpus();
	int n = bpf_map__max_entries(m);
	unsigned long long *vals = calloc(ncpu, 8);
	jlong *sums = calloc(n, sizeof(jlong));
	for (int k = 0; vals && sums && k < n; k++) {
		__u32 key = k;
		if (bpf_map_lookup_elem(bpf_map__fd(m), &key, vals) == 0)
			for (int i = 0; i < ncpu; i++)
				sums[k] += vals[i];
	}
	jlongArray out = (*env)->NewLongArray(env, n);
	if (out && sums)
		(*env)->SetLongArrayRegion(env, out, 0, n, sums);
	free(vals);
	free(sums);
	return out;
}

JNIEXPORT void JNICALL Java_io_infrasight_bpf_internal_Native_close(JNIEnv *env, jclass c, jlong h)
{
	struct object *o = (struct object *)(long)h;
	for (int i = 0; i < o->nlinks; i++)
		bpf_link__destroy(o->links[i]);
	free(o->links);
	bpf_object__close(o->obj);
	free(o->elf);
	free(o);
}

JNIEXPORT jlong JNICALL Java_io_infrasight_bpf_internal_Native_ringOpen(JNIEnv *env, jclass c, jlong h,
								       jstring jmap)
{
	struct object *o = (struct object *)(long)h;
	log_clear();
	struct bpf_map *m = find_map(env, o, jmap);
	if (!m)
		return 0;
	if (bpf_map__type(m) != BPF_MAP_TYPE_RINGBUF || bpf_map__fd(m) < 0) {
		throw_bpf(env, "not a loaded ring buffer map", EINVAL);
		return 0;
	}
	struct ring *r = calloc(1, sizeof(*r));
	if (!r) {
		throw_bpf(env, "ring buffer", ENOMEM);
		return 0;
	}
	r->map_fd = bpf_map__fd(m);
	r->page_size = sysconf(_SC_PAGESIZE);
	r->mask = bpf_map__max_entries(m) - 1;
	r->epoll_fd = -1;
	/* layout (kernel/bpf/ringbuf.c): consumer page (rw), producer page, data mapped twice (ro) */
	r->consumer_pos = mmap(NULL, r->page_size, PROT_READ | PROT_WRITE, MAP_SHARED, r->map_fd, 0);
	if (r->consumer_pos == MAP_FAILED)
		goto fail;
	r->prod_len = r->page_size + 2 * (size_t)bpf_map__max_entries(m);
	r->producer_pos = mmap(NULL, r->prod_len, PROT_READ, MAP_SHARED, r->map_fd, r->page_size);
	if (r->producer_pos == MAP_FAILED)
		goto fail;
	r->data = (char *)r->producer_pos + r->page_size;
	r->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = { .events = EPOLLIN };
	if (r->epoll_fd < 0 || epoll_ctl(r->epoll_fd, EPOLL_CTL_ADD, r->map_fd, &ev) < 0)
		goto fail;
	return (jlong)(long)r;
fail:;
	int err = errno;
	if (r->consumer_pos && r->consumer_pos != MAP_FAILED)
		munmap(r->consumer_pos, r->page_size);
	if (r->producer_pos && r->producer_pos != MAP_FAILED)
		munmap(r->producer_pos, r->prod_len);
	if (r->epoll_fd >= 0)
		close(r->epoll_fd);
	free(r);
	throw_bpf(env, "map ring buffer", err);
	return 0;
}

#define RB_BUSY (1U << 31)
#define RB_DISCARD (1U << 30)
#define RB_HDR 8

/*
 * Copies whole records into out as [u32 len][u32 0][record, padded to 8] until the ring is empty
 * or out is full; a record that does not fit stays in the ring for the next call. Returns the
 * number of records copied.
 */
static int drain(struct ring *r, char *out, size_t cap, size_t *used)
{
	unsigned long cons = __atomic_load_n(r->consumer_pos, __ATOMIC_ACQUIRE);
	unsigned long prod = __atomic_load_n(r->producer_pos, __ATOMIC_ACQUIRE);
	int n = 0;
	size_t off = *used;
	while (cons < prod) {
		unsigned int *hdr = (unsigned int *)(r->data + (cons & r->mask));
		unsigned int len = __atomic_load_n(hdr, __ATOMIC_ACQUIRE);
		if (len & RB_BUSY)
			break;   /* producer still writing it */
		unsigned int size = len & ~(RB_BUSY | RB_DISCARD);
		if (!(len & RB_DISCARD)) {
			size_t need = 8 + ((size + 7) & ~7U);
			if (off + need > cap)
				break;
			*(unsigned int *)(out + off) = size;
			*(unsigned int *)(out + off + 4) = 0;
			memcpy(out + off + 8, (char *)hdr + RB_HDR, size);
			off += need;
			n++;
		}
		cons += (size + RB_HDR + 7) & ~7UL;
	}
	__atomic_store_n(r->consumer_pos, cons, __ATOMIC_RELEASE);
	*used = off;
	return n;
}

/*
 * One batch: drain what is there; if nothing, wait up to timeout_ms for a wakeup (producers only
 * wake us past their threshold, so the timeout is the normal path at low rates), then drain again.
 */
JNIEXPORT jint JNICALL Java_io_infrasight_bpf_internal_Native_ringPoll(JNIEnv *env, jclass c, jlong h,
								      jobject buf, jint timeout_ms)
{
	struct ring *r = (struct ring *)(long)h;
	char *out = (*env)->GetDirectBufferAddress(env, buf);
	jlong cap = (*env)->GetDirectBufferCapacity(env, buf);
	if (!out || cap < 16) {
		log_clear();
		throw_bpf(env, "ring poll needs a direct ByteBuffer", EINVAL);
		return -1;
	}
	size_t used = 0;
	int n = drain(r, out, cap, &used);
	if (n == 0 && timeout_ms > 0) {
		struct epoll_event ev;
		int w = epoll_wait(r->epoll_fd, &ev, 1, timeout_ms);
		if (w < 0 && errno != EINTR) {
			log_clear();
			throw_bpf(env, "epoll_wait on ring buffer", errno);
			return -1;
		}
		n = drain(r, out, cap, &used);
	}
	return n;
}

JNIEXPORT jlong JNICALL Java_io_infrasight_bpf_internal_Native_ringPending(JNIEnv *env, jclass c, jlong h)
{
	struct ring *r = (struct ring *)(long)h;
	return __atomic_load_n(r->producer_pos, __ATOMIC_ACQUIRE) -
	       __atomic_load_n(r->consumer_pos, __ATOMIC_ACQUIRE);
}

JNIEXPORT void JNICALL Java_io_infrasight_bpf_internal_Native_ringClose(JNIEnv *env, jclass c, jlong h)
{
	struct ring *r = (struct ring *)(long)h;
	munmap(r->consumer_pos, r->page_size);
	munmap(r->producer_pos, r->prod_len);
	close(r->epoll_fd);
	free(r);
}
