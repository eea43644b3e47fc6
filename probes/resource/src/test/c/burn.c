/*
 * A child with known resource usage for the resource-probe tests.
 * Usage: burn <main_cpu_ms> <threads> <thread_cpu_ms> <touch_mib> <io_kib>
 *  - touches <touch_mib> MiB of fresh anonymous memory (minor faults, RSS) and keeps it;
 *  - reads and writes <io_kib> KiB through /dev/zero and /dev/null (read/write bytes);
 *  - starts <threads> threads; thread i burns (i + 1) * <thread_cpu_ms> ms of its own CPU time and
 *    exits, so they exit one by one while the process lives on;
 *  - burns <main_cpu_ms> ms of CPU in the main thread (CPU time, not wall time: on a busy machine
 *    it takes longer, never less);
 *  - prints "cpu_ns=<CLOCK_PROCESS_CPUTIME_ID>" (all threads, the dead ones included) and exits.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(clockid_t c)
{
	struct timespec ts;
	clock_gettime(c, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void burn_ms(long ms)
{
	volatile unsigned long x = 0;
	long long end = now_ns(CLOCK_THREAD_CPUTIME_ID) + ms * 1000000LL;
	while (now_ns(CLOCK_THREAD_CPUTIME_ID) < end)
		for (int i = 0; i < 100000; i++)
			x += i;
}

static long thread_ms;

static void *worker(void *arg)
{
	burn_ms(((long)arg + 1) * thread_ms);
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc < 6)
		return 2;
	long main_ms = atol(argv[1]), threads = atol(argv[2]), mib = atol(argv[4]), kib = atol(argv[5]);
	thread_ms = atol(argv[3]);

	if (mib > 0) {
		char *m = mmap(NULL, mib << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m == MAP_FAILED)
			return 3;
		for (long off = 0; off < mib << 20; off += 4096)
			m[off] = 1;
	}
	if (kib > 0) {
		char buf[1024];
		int z = open("/dev/zero", O_RDONLY), n = open("/dev/null", O_WRONLY);
		for (long i = 0; i < kib; i++) {
			if (read(z, buf, sizeof(buf)) != sizeof(buf) || write(n, buf, sizeof(buf)) != sizeof(buf))
				return 4;
		}
		close(z);
		close(n);
	}
	pthread_t t[64];
	if (threads > 64)
		threads = 64;
	for (long i = 0; i < threads; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	burn_ms(main_ms);
	for (long i = 0; i < threads; i++)
		pthread_join(t[i], NULL);
	printf("cpu_ns=%lld\n", now_ns(CLOCK_PROCESS_CPUTIME_ID));
	fflush(stdout);
	return 0;
}
