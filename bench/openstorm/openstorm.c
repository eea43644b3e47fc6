// SPDX-License-Identifier: Apache-2.0
/*
 * The load: N times openat(AT_FDCWD, FILE, O_RDONLY) + close, timed with CLOCK_MONOTONIC.
 *   openstorm FILE N [-g]
 * -g: wait for one byte on stdin before starting (run.sh uses it to add an audit rule for this
 * pid, and to read the consumer's CPU time, right before the loop starts).
 * Prints one line: pid=<pid> ops=<N> elapsed_ns=<ns> ns_per_op=<ns> failed=<opens that failed>
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
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
	long long t0 = now_ns();
	for (long i = 0; i < n; i++) {
		int fd = openat(AT_FDCWD, file, O_RDONLY);
		if (fd < 0)
			failed++;
		else
			close(fd);
	}
	long long dt = now_ns() - t0;
	printf("pid=%d ops=%ld elapsed_ns=%lld ns_per_op=%.1f failed=%ld\n", getpid(), n, dt, (double)dt / n, failed);
	return failed ? 1 : 0;
}
