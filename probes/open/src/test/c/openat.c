// Test helper: openat(dirfd, name, O_CREAT|O_WRONLY, 0640) relative to a directory fd, then stays
// alive briefly so that user space can read /proc/<pid>/fd/<dirfd> to resolve the path.
// usage: openat <dir> <name>
#include <fcntl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc != 3)
		return 2;
	int dirfd = open(argv[1], O_RDONLY | O_DIRECTORY);
	if (dirfd < 0)
		return 3;
	int fd = openat(dirfd, argv[2], O_CREAT | O_WRONLY, 0640);
	if (fd < 0)
		return 4;
	usleep(300 * 1000);
	return 0;
}
