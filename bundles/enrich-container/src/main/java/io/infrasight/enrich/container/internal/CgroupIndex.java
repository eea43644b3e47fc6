package io.infrasight.enrich.container.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the cgroup v2 hierarchy is mounted and which directory has which id. The id an event
 * carries ({@code bpf_get_current_cgroup_id}) is the inode number of the task's cgroup v2
 * directory, so one walk of the tree maps ids to paths.
 */
final class CgroupIndex {
    private CgroupIndex() {
    }

    /** Mount points of cgroup2 and of any cgroup v1 hierarchy, from a mountinfo file. */
    record Mounts(Path unified, boolean hasV1) {
    }

    static Mounts mounts(Path mountinfo) {
        Path unified = null;
        boolean v1 = false;
        try {
            for (String line : Files.readAllLines(mountinfo)) {
                int dash = line.indexOf(" - ");
                if (dash < 0) {
                    continue;
                }
                String[] left = line.substring(0, dash).split(" ");
                String[] right = line.substring(dash + 3).split(" ");
                if (left.length < 5 || right.length < 1) {
                    continue;
                }
                if (right[0].equals("cgroup2") && unified == null) {
                    unified = Path.of(left[4].replace("\\040", " "));
                } else if (right[0].equals("cgroup")) {
                    v1 = true;
                }
            }
        } catch (IOException e) {
            // no mountinfo: no index; events resolve through /proc/<pid>/cgroup
        }
        return new Mounts(unified, v1);
    }

    /** id to path relative to the mount ("/" for the root), for at most maxDirs directories. */
    static Map<Long, String> walk(Path root, int maxDirs) {
        Map<Long, String> ids = new HashMap<>();
        if (root == null || !Files.isDirectory(root)) {
            return ids;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    Long ino = inode(dir);
                    if (ino != null) {
                        String rel = root.relativize(dir).toString();
                        ids.put(ino, "/" + rel);
                    }
                    return ids.size() >= maxDirs ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE; // a cgroup removed while we walk
                }
            });
        } catch (IOException e) {
            // partial index; misses fall back to /proc
        }
        return ids;
    }

    static Long inode(Path p) {
        try {
            return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    static List<String> procCgroup(Path procRoot, int pid) throws IOException {
        return Files.readAllLines(procRoot.resolve(Integer.toString(pid)).resolve("cgroup"));
    }
}
