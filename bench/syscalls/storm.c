/*
 * getppid storm: N direct getppid syscalls, prints the mean wall time per call in ns and the
 * process's CPU time per call. Usage: storm N
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double now(clockid_t c)
{
	struct timespec ts;
	clock_gettime(c, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 5000000;
	double t0 = now(CLOCK_MONOTONIC), c0 = now(CLOCK_PROCESS_CPUTIME_ID);
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	double t1 = now(CLOCK_MONOTONIC), c1 = now(CLOCK_PROCESS_CPUTIME_ID);
	printf("pid=%d n=%ld ns_per_call=%.1f cpu_ns_per_call=%.1f\n", getpid(), n, (t1 - t0) / n, (c1 - c0) / n);
	return 0;
}
