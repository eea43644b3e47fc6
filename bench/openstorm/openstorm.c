// SPDX-License-Identifier: Apache-2.0
/*
 * The load: N times openat(AT_FDCWD, FILE, O_RDONLY) + close, timed with CLOCK_MONOTONIC.
 *   openstorm FILE N [-g]
 * -g: wait for one byte on stdin before starting (run.sh uses it to add an audit rule for this
 * pid, and to read the consumer's CPU time, right before the loop starts).
 * Prints one line: pid=<pid> ops=<N> elapsed_ns=<ns> ns_per_op=<ns> cpu_ns_per_op=<ns> failed=<n>
 * cpu_ns_per_op is this process's own CPU time (CLOCK_PROCESS_CPUTIME_ID: user + kernel, including
 * the BPF programs and audit work that run in its syscalls) per op: unlike the wall clock it does
 * not grow when other processes take the CPU away, so it is the robust "kernel cost" on a busy box.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s FILE N [-g]\n", argv[0]);
		return 2;
	}
	const char *file = argv[1];
	long n = atol(argv[2]);
	if (argc > 3 && strcmp(argv[3], "-g") == 0) {
		char c;
		if (read(0, &c, 1) != 1) {
			fprintf(stderr, "openstorm: no go byte on stdin\n");
			return 2;
		}
	}
	long failed = 0;
	long long c0 = now_ns(CLOCK_PROCESS_CPUTIME_ID);
	long long t0 = now_ns(CLOCK_MONOTONIC);
	for (long i = 0; i < n; i++) {
		int fd = openat(AT_FDCWD, file, O_RDONLY);
		if (fd < 0)
			failed++;
		else
			close(fd);
	}
	long long dt = now_ns(CLOCK_MONOTONIC) - t0;
	long long dc = now_ns(CLOCK_PROCESS_CPUTIME_ID) - c0;
	printf("pid=%d ops=%ld elapsed_ns=%lld ns_per_op=%.1f cpu_ns_per_op=%.1f failed=%ld\n", getpid(), n, dt,
	       (double)dt / n, (double)dc / n, failed);
	return failed ? 1 : 0;
}
