/*
 * Makes a known syscall mix for the syscall-frequency tests: getppid x A, then getuid x B, then
 * (if C > 0) sleeps PAUSE_MS and makes getppid x C more. Direct syscall(2) calls, so libc caches
 * cannot swallow any. Usage: syscall-mix A B [PAUSE_MS C]
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static void repeat(long nr, long n)
{
	for (long i = 0; i < n; i++)
		syscall(nr);
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	repeat(SYS_getppid, atol(argv[1]));
	repeat(SYS_getuid, atol(argv[2]));
	if (argc >= 5) {
		long ms = atol(argv[3]);
		struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
		nanosleep(&ts, NULL);
		repeat(SYS_getppid, atol(argv[4]));
	}
	return 0;
}
