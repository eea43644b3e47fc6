package io.infrasight.enrich.container.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.infrasight.api.event.Context;
import io.infrasight.api.event.ContextKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real podman container, from a root filesystem built here (no registry is reachable): the
 * host's sleep and the libraries it needs, imported as an image. Its cgroup is made by podman and
 * runc, and its name, image and labels come from podman's own REST service on a unix socket.
 * Needs root, podman and runc (apt: podman runc); skipped without them.
 * <p>
 * On this machine crun refuses hybrid cgroups and the root user lacks CAP_SYS_RESOURCE, hence
 * {@code --runtime runc} and explicit, low ulimits.
 */
class PodmanContainerTest {

    private static String run(long timeoutSec, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (!p.waitFor(timeoutSec, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    private static boolean available(String tool) {
        return Files.isExecutable(Path.of("/usr/bin", tool)) || Files.isExecutable(Path.of("/usr/sbin", tool));
    }

    private static Path rootfsTar(Path dir) throws Exception {
        Path root = Files.createDirectories(dir.resolve("rootfs"));
        List<String> files = new ArrayList<>(List.of("/usr/bin/sleep"));
        Matcher m = Pattern.compile("(/\\S+)").matcher(run(30, "ldd", "/usr/bin/sleep"));
        while (m.find()) {
            files.add(m.group(1));
        }
        for (String f : files) {
            Path target = root.resolve(f.equals("/usr/bin/sleep") ? "bin/sleep" : f.substring(1));
            Files.createDirectories(target.getParent());
            Files.copy(Path.of(f).toRealPath(), target);
        }
        Path tar = dir.resolve("rootfs.tar");
        run(60, "tar", "-C", root.toString(), "-cf", tar.toString(), ".");
        return tar;
    }

    @Test
    void realPodmanContainerGetsRuntimeIdNameImageAndLabels(@TempDir Path dir) throws Exception {
        assumeTrue(available("podman") && available("runc"), "needs podman and runc");
        String tag = Long.toHexString(System.nanoTime());
        String image = "localhost/isx-sleep:" + tag;
        String name = "isx-web-" + tag;
        Path socket = dir.resolve("podman.sock");
        Process service = null;
        try {
            run(120, "podman", "import", rootfsTar(dir).toString(), image);
            String id = run(120, "podman", "run", "-d", "--name", name, "--runtime", "runc", "--cgroup-manager=cgroupfs",
                    "--network=none", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024",
                    "--label", "io.kubernetes.pod.name=web-0", "--label", "io.kubernetes.pod.namespace=shop",
                    image, "/bin/sleep", "300");
            id = id.substring(id.lastIndexOf('\n') + 1).trim();
            long pid = Long.parseLong(run(60, "podman", "inspect", "-f", "{{.State.Pid}}", name));
            service = new ProcessBuilder("podman", "system", "service", "--time=0", "unix://" + socket)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("service.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(socket) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(Files.exists(socket), "podman service socket");

            ContainerResolver.Settings d = ContainerResolver.Settings.defaults();
            try (ContainerResolver r = new ContainerResolver(new ContainerResolver.Settings(d.procRoot(), d.mountinfo(),
                    d.cgroupRoot(), d.containerdNamespaces(), d.cacheCapacity(), d.pidTtlMillis(),
                    d.missBudgetPerSecond(), d.rescanMillis(), d.maxCgroupDirs(), null, socket, 5000,
                    d.lookupRetryMillis()))) {
                r.start();
                Context c = r.enrich(ContainerResolverTest.openBy(pid, 0)).header().context();
                assertEquals("podman", c.get(ContextKeys.CONTAINER_RUNTIME));
                assertEquals(id, c.get(ContextKeys.CONTAINER_ID));
                ContainerResolverTest.waitUntil(() -> name.equals(r.enrich(ContainerResolverTest.openBy(pid, 0)).header()
                        .context().get(ContextKeys.CONTAINER_NAME)), "name from podman's REST service");
                Context full = r.enrich(ContainerResolverTest.openBy(pid, 0)).header().context();
                assertTrue(String.valueOf(full.get(ContextKeys.CONTAINER_IMAGE)).contains("isx-sleep"), full.toString());
                assertEquals("shop", ((Map<?, ?>) full.get(ContextKeys.CONTAINER_LABELS)).get("io.kubernetes.pod.namespace"));
            }
        } finally {
            if (service != null) {
                service.destroy();
                service.waitFor(10, TimeUnit.SECONDS);
                service.destroyForcibly();
            }
            new ProcessBuilder("podman", "rm", "-f", "-t", "0", name).start().waitFor(60, TimeUnit.SECONDS);
            new ProcessBuilder("podman", "rmi", "-f", image).start().waitFor(60, TimeUnit.SECONDS);
        }
    }
}
