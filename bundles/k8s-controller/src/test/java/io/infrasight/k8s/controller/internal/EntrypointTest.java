package io.infrasight.k8s.controller.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * k8s/entrypoint.sh run by /bin/sh against a stand-in distribution (the real bin/infrasight would
 * start Karaf). The agent role is not run here: its tracefs check may mount tracefs on this machine.
 */
class EntrypointTest {
    private static final String FEATURES = "featuresBoot = \\\n    (instance, \\\n    scr), \\\n"
            + "    (infrasight-standalone)\n";

    private record Run(int exit, String out) {
    }

    private static Path home(Path dir) throws IOException {
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve("etc"));
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("etc/org.apache.karaf.features.cfg"), FEATURES);
        Path stub = home.resolve("bin/infrasight");
        Files.writeString(stub, "#!/bin/sh\necho \"started $1 in $(pwd)\"\n");
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    private static Run runWithEnv(Path home, Path config, String role) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", Manifests.K8S.resolve("entrypoint.sh").toString(), role)
                .redirectErrorStream(true);
        pb.environment().put("INFRASIGHT_HOME", home.toString());
        pb.environment().put("INFRASIGHT_CONFIG_DIR", config.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "entrypoint finished");
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void theServerRoleBootsTheServerFeatureWithTheConfigMapsCfgFiles(@TempDir Path dir) throws Exception {
        Path home = home(dir);
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("io.infrasight.k8s.controller.cfg"), "enabled = true\n");
        Files.writeString(config.resolve("notes.txt"), "not a cfg\n");

        Run r = runWithEnv(home, config, "server");

        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().contains("started run in " + home.toRealPath()), r.out());
        String features = Files.readString(home.resolve("etc/org.apache.karaf.features.cfg"));
        assertTrue(features.contains("(infrasight-server)"), features);
        assertFalse(features.contains("infrasight-standalone"), features);
        assertEquals("enabled = true\n", Files.readString(home.resolve("etc/io.infrasight.k8s.controller.cfg")));
        assertFalse(Files.exists(home.resolve("etc/notes.txt")), "only *.cfg files are copied");
    }

    @Test
    void theStandaloneRoleKeepsTheDefaultFeatureAndAMissingConfigDirIsFine(@TempDir Path dir) throws Exception {
        Path home = home(dir);

        Run r = runWithEnv(home, dir.resolve("absent"), "standalone");

        assertEquals(0, r.exit(), r.out());
        assertEquals(FEATURES, Files.readString(home.resolve("etc/org.apache.karaf.features.cfg")));
    }

    @Test
    void anUnknownRoleIsRefusedWithUsage(@TempDir Path dir) throws Exception {
        Path home = home(dir);

        Run r = runWithEnv(home, dir, "everything");

        assertEquals(2, r.exit());
        assertTrue(r.out().contains("usage: entrypoint.sh agent|server|standalone"), r.out());
        assertFalse(r.out().contains("started"), "Karaf is not started");
    }
}
