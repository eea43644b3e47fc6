// SPDX-License-Identifier: Apache-2.0
/*
 * The limit: a minimal C consumer of the SAME open.bpf.o the Java probe ships, configured like
 * ProbeRunner does it (ring buffer size, cfg_wakeup_bytes = min(256 KiB, ring/4) for the batched
 * wakeup, own process excluded), attached, and consumed with libbpf's ring_buffer__poll every
 * 10 ms. Records are only counted (all, and those of comm "openstorm"): no decoding at all.
 *   cconsumer OBJECT [RING_KIB]
 * Prints "ready" once attached; then on stdin "snap" prints
 *   events=<all records> storm=<openstorm records> emitted=<kernel> rb_full=<kernel drops>
 * and "quit" (or EOF) ends it.
 */
#define _GNU_SOURCE
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define COMM_OFF 48      /* struct event_header.comm (bpf/include/events.h) */
#define CNT_EMITTED 0
#define CNT_RB_FULL 1

static unsigned long long events, storm;

static int on_record(void *ctx, void *data, size_t len)
{
	events++;
	if (len > COMM_OFF + 10 && memcmp((char *)data + COMM_OFF, "openstorm", 10) == 0)
		storm++;
	return 0;
}

static int set_rodata_u32(struct bpf_object *obj, const char *var, unsigned int value)
{
	struct bpf_map *m = bpf_object__find_map_by_name(obj, ".rodata");
	struct btf *btf = bpf_object__btf(obj);
	int sec = btf ? btf__find_by_name_kind(btf, ".rodata", BTF_KIND_DATASEC) : -1;
	size_t size;
	const void *init = m ? bpf_map__initial_value(m, &size) : NULL;
	if (!m || sec < 0 || !init)
		return -ENOENT;
	char *data = malloc(size);
	memcpy(data, init, size);
	const struct btf_type *t = btf__type_by_id(btf, sec);
	const struct btf_var_secinfo *vs = btf_var_secinfos(t);
	int err = -ENOENT;
	for (int i = 0; i < btf_vlen(t); i++, vs++) {
		const struct btf_type *vt = btf__type_by_id(btf, vs->type);
		if (strcmp(btf__name_by_offset(btf, vt->name_off), var) == 0 && vs->size == 4) {
			memcpy(data + vs->offset, &value, 4);
			err = bpf_map__set_initial_value(m, data, size);
			break;
		}
	}
	free(data);
	return err;
}

static void counters(int fd, unsigned long long *out)
{
	int ncpu = libbpf_num_possible_cpus();
	unsigned long long v[ncpu];
	for (unsigned int k = 0; k < 2; k++) {
		out[k] = 0;
		if (bpf_map_lookup_elem(fd, &k, v) == 0)
			for (int c = 0; c < ncpu; c++)
				out[k] += v[c];
	}
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s OBJECT [RING_KIB]\n", argv[0]);
		return 2;
	}
	unsigned int ring = (argc > 2 ? atoi(argv[2]) : 8192) * 1024u;
	setvbuf(stdout, NULL, _IOLBF, 0);
	struct bpf_object *obj = bpf_object__open_file(argv[1], NULL);
	if (!obj) {
		fprintf(stderr, "open %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	int err = bpf_map__set_max_entries(bpf_object__find_map_by_name(obj, "events"), ring);
	err = err ?: set_rodata_u32(obj, "cfg_wakeup_bytes", ring / 4 < 262144 ? ring / 4 : 262144);
	err = err ?: set_rodata_u32(obj, "cfg_self_tgid", getpid());
	err = err ?: bpf_object__load(obj);
	if (err) {
		fprintf(stderr, "configure/load: %s\n", strerror(-err));
		return 1;
	}
	struct bpf_program *p;
	bpf_object__for_each_program(p, obj) {
		if (!bpf_program__attach(p)) {
			fprintf(stderr, "attach %s: %s\n", bpf_program__name(p), strerror(errno));
			return 1;
		}
	}
	int cfd = bpf_object__find_map_fd_by_name(obj, "counters");
	struct ring_buffer *rb = ring_buffer__new(bpf_object__find_map_fd_by_name(obj, "events"), on_record, NULL, NULL);
	if (!rb || cfd < 0) {
		fprintf(stderr, "ring buffer: %s\n", strerror(errno));
		return 1;
	}
	printf("ready\n");
	char line[64];
	size_t have = 0;
	for (;;) {
		err = ring_buffer__poll(rb, 10);
		if (err < 0 && err != -EINTR) {
			fprintf(stderr, "poll: %s\n", strerror(-err));
			return 1;
		}
		struct pollfd in = {.fd = 0, .events = POLLIN};
		if (poll(&in, 1, 0) <= 0)
			continue;
		ssize_t r = read(0, line + have, sizeof(line) - 1 - have);
		if (r <= 0)
			break;
		have += r;
		line[have] = 0;
		char *nl;
		while ((nl = strchr(line, '\n'))) {
			*nl = 0;
			if (strcmp(line, "snap") == 0) {
				unsigned long long c[2];
				counters(cfd, c);
				printf("events=%llu storm=%llu emitted=%llu rb_full=%llu\n", events, storm, c[CNT_EMITTED],
				       c[CNT_RB_FULL]);
			} else if (strcmp(line, "quit") == 0) {
				goto out;
			}
			have -= nl + 1 - line;
			memmove(line, nl + 1, have + 1);
		}
	}
out:
	ring_buffer__free(rb);
	bpf_object__close(obj);
	return 0;
}
