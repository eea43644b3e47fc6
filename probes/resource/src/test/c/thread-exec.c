/*
 * A non-leader thread burns CPU and then execs: the kernel gives it the leader's pid. For the test
 * that the probe neither loses nor counts twice what that thread did.
 * Usage: thread-exec <cpu_ms> <program>
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static long ms;
static char *prog;

static long long thread_cpu_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void *worker(void *arg)
{
	volatile unsigned long x = 0;
	long long end = thread_cpu_ns() + ms * 1000000LL;
	while (thread_cpu_ns() < end)
		for (int i = 0; i < 100000; i++)
			x += i;
	char *argv[] = { prog, NULL };
	execv(prog, argv);
	_exit(3);
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	ms = atol(argv[1]);
	prog = argv[2];
	pthread_t t;
	pthread_create(&t, NULL, worker, NULL);
	pthread_join(t, NULL);   /* never returns: the exec ends this thread */
	return 4;
}
