// Test helper: executes /bin/true through a file descriptor, so that the kernel sees either a
// memfd-backed executable ("memfd") or one whose file was unlinked before the exec ("deleted").
// usage: fdexec memfd|deleted <marker>
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int copy(int from, int to)
{
	char buf[65536];
	ssize_t n;
	while ((n = read(from, buf, sizeof(buf))) > 0)
		if (write(to, buf, n) != n)
			return -1;
	return n < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	int src = open("/bin/true", O_RDONLY);
	int fd;
	if (strcmp(argv[1], "memfd") == 0) {
		fd = memfd_create("infrasight-test", MFD_CLOEXEC);
	} else {
		char path[] = "/tmp/infrasight-deleted-XXXXXX";
		int w = mkstemp(path);
		if (w < 0 || copy(src, w) != 0)
			return 3;
		close(w);
		chmod(path, 0755);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		unlink(path);
		src = -1;
	}
	if (fd < 0 || (src >= 0 && copy(src, fd) != 0))
		return 4;
	char *args[] = {"fdexec-child", argv[2], NULL};
	char *env[] = {NULL};
	fexecve(fd, args, env);
	perror("fexecve");
	return 5;
}
