// SPDX-License-Identifier: Apache-2.0
// storm <kind> <n>: n calls of one syscall the event probes trace; prints
// "<kind> <cpu ns/op> <wall ns/op>". CPU time (user+sys of this process, getrusage) is what the
// summary uses: a probe's kernel-side work is charged to the caller's sys time, and CPU time does
// not count the time the storm waits for a core on a loaded 2-core machine (wall time does).
// Each kind is the cheapest way to make its syscall (mostly an error path or a no-op), so the
// probe's share of the cost is as visible as it gets:
//   getppid   no probe traces it: the system-wide price of syscall tracepoints being enabled
//   fchmod    fchmod(fd, 0600) on a temp file              (chmod probe)
//   connect   connect() of a UDP socket to 127.0.0.1:9     (connect probe; sets the peer only)
//   ptrace    PTRACE_PEEKDATA on pid 1 -> ESRCH            (ptrace probe)
//   mmap      mmap + munmap of one anonymous page          (mmap probe; munmap is not traced)
//   mprotect  mprotect of one page, RW/R alternately       (mmap probe)
//   umount    umount2("/nonexistent-...", 0) -> ENOENT     (mount probe)
//   openat    openat("/etc/hostname") + close              (open probe; the "openat+close storm")
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double cpu_ns(void)
{
	struct rusage u;
	getrusage(RUSAGE_SELF, &u);
	return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e9 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e3;
}

static double now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e9 + t.tv_nsec;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: storm <kind> <n>\n");
		return 2;
	}
	const char *kind = argv[1];
	long n = atol(argv[2]);
	char tmp[] = "/tmp/stormXXXXXX";
	int fd = -1;
	struct sockaddr_in peer = { .sin_family = AF_INET, .sin_port = htons(9) };
	inet_pton(AF_INET, "127.0.0.1", &peer.sin_addr);
	void *page = NULL;
	if (!strcmp(kind, "fchmod")) {
		fd = mkstemp(tmp);
		unlink(tmp);
	} else if (!strcmp(kind, "connect")) {
		fd = socket(AF_INET, SOCK_DGRAM, 0);
	} else if (!strcmp(kind, "mprotect")) {
		page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	}
	double c0 = cpu_ns();
	double t0 = now_ns();
	for (long i = 0; i < n; i++) {
		if (!strcmp(kind, "getppid")) {
			syscall(SYS_getppid);
		} else if (!strcmp(kind, "fchmod")) {
			fchmod(fd, 0600);
		} else if (!strcmp(kind, "connect")) {
			connect(fd, (struct sockaddr *)&peer, sizeof(peer));
		} else if (!strcmp(kind, "ptrace")) {
			syscall(SYS_ptrace, PTRACE_PEEKDATA, 1, 0, 0);
		} else if (!strcmp(kind, "mmap")) {
			void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			munmap(p, 4096);
		} else if (!strcmp(kind, "mprotect")) {
			mprotect(page, 4096, (i & 1) ? PROT_READ : PROT_READ | PROT_WRITE);
		} else if (!strcmp(kind, "openat")) {
			close(openat(AT_FDCWD, "/etc/hostname", O_RDONLY));
		} else if (!strcmp(kind, "umount")) {
			umount2("/nonexistent-infrasight-storm", 0);
		} else {
			fprintf(stderr, "unknown kind %s\n", kind);
			return 2;
		}
	}
	double t1 = now_ns();
	double c1 = cpu_ns();
	printf("%s %.1f %.1f\n", kind, (c1 - c0) / n, (t1 - t0) / n);
	return 0;
}
