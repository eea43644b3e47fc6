package io.infrasight.enrich.users.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.event.ContextKeys;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.event.OpenEvent;
import io.infrasight.api.event.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserNamesTest {

    static Event openBy(int uid, int euid, int gid) {
        EventHeader h = new EventHeader(EventKind.OPEN, 1, 1, 42, 42, 1, uid, gid, euid, 0, "x", 0, 0, "", Context.EMPTY);
        return new OpenEvent(h, "/x", 0, 0, "openat");
    }

    static void waitUntil(BooleanSupplier c, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(20);
        }
    }

    static int run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " hung");
        }
        if (p.exitValue() != 0) {
            System.err.println(String.join(" ", cmd) + ": " + out);
        }
        return p.exitValue();
    }

    @Test
    void hostUsersAndGroupsAreNamed() {
        try (UserNames names = new UserNames(UserNames.Settings.defaults())) {
            names.refreshIfChanged(true);
            Event e = names.enrich(openBy(0, 0, 0));
            assertEquals("root", e.header().context().get(ContextKeys.USER_NAME));
            assertEquals("root", e.header().context().get(ContextKeys.USER_EUID_NAME));
            assertEquals("root", e.header().context().get(ContextKeys.GROUP_NAME));
            names.enrich(openBy(0, 0, 0));
            assertEquals(1L, names.counters().get("hits"));
        }
    }

    @Test
    void userCreatedDuringTheTestIsNamedAfterTheRefresh() throws Exception {
        String name = "isx" + Integer.toString(new Random().nextInt(1 << 20), 36);
        int uid = 61_000 + new Random().nextInt(3000);
        while (run("getent", "passwd", Integer.toString(uid)) == 0) {
            uid++;
        }
        UserNames.Settings fast = new UserNames.Settings(Path.of("/etc/passwd"), Path.of("/etc/group"), 200, 50);
        try (UserNames names = new UserNames(fast)) {
            names.start();
            waitUntil(() -> names.counters().get("users_size") > 0, "first load");
            Event before = names.enrich(openBy(uid, uid, uid));
            assertNull(before.header().context().get(ContextKeys.USER_NAME));
            try {
                assertEquals(0, run("groupadd", "-g", Integer.toString(uid), name));
                assertEquals(0, run("useradd", "-M", "-N", "-u", Integer.toString(uid), "-g", Integer.toString(uid),
                        "-s", "/usr/sbin/nologin", name));
                final int u = uid;
                waitUntil(() -> name.equals(names.enrich(openBy(u, u, u)).header().context()
                        .get(ContextKeys.USER_NAME)), "the new user named");
                Event after = names.enrich(openBy(uid, 0, uid));
                assertEquals(name, after.header().context().get(ContextKeys.USER_NAME));
                assertEquals("root", after.header().context().get(ContextKeys.USER_EUID_NAME));
                assertEquals(name, after.header().context().get(ContextKeys.GROUP_NAME));
                assertTrue(names.counters().get("reloads") >= 2);
            } finally {
                run("userdel", name);
                run("groupdel", name);
            }
            assertTrue(run("getent", "passwd", name) != 0, "cleaned up");
        }
    }

    @Test
    void configuredFilesAreReloadedWhenTheyChange(@TempDir Path dir) throws Exception {
        Path passwd = dir.resolve("passwd");
        Path group = dir.resolve("group");
        Files.writeString(passwd, "root:x:0:0::/root:/bin/sh\nwww-data:x:33:33::/var/www:/usr/sbin/nologin\n");
        Files.writeString(group, "root:x:0:\nwww-data:x:33:\n");
        try (UserNames names = new UserNames(new UserNames.Settings(passwd, group, 100, 20))) {
            names.start();
            waitUntil(() -> "www-data".equals(names.enrich(openBy(33, 33, 33)).header().context()
                    .get(ContextKeys.USER_NAME)), "loaded");
            Path tmp = dir.resolve("passwd.new"); // replaced the way useradd/vipw do: new file, rename
            Files.writeString(tmp, "root:x:0:0::/root:/bin/sh\nnginx:x:33:33::/:/usr/sbin/nologin\n");
            Files.move(tmp, passwd, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            waitUntil(() -> "nginx".equals(names.enrich(openBy(33, 33, 33)).header().context()
                    .get(ContextKeys.USER_NAME)), "reloaded");
        }
    }

    @Test
    void garbageLinesAndMissingFilesAreCountedAndEventsStillFlow(@TempDir Path dir) throws Exception {
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, "root:x:0:0::/root:/bin/sh\nnot a line\nbad:x:notanumber:0::/:/bin/sh\n:x:5:5::/:\n"
                + "# comment\nalice:x:1000:1000::/home/alice:/bin/sh\nalice2:x:1000:1000::/:/bin/sh\n");
        try (UserNames names = new UserNames(new UserNames.Settings(passwd, dir.resolve("missing"), 100, 20))) {
            names.refreshIfChanged(true);
            Event e = names.enrich(openBy(1000, 1000, 1000));
            assertEquals("alice", e.header().context().get(ContextKeys.USER_NAME), "first line for an id wins");
            assertNull(e.header().context().get(ContextKeys.GROUP_NAME));
            assertEquals(3L, names.counters().get("failed_parse_lines"));
            assertEquals(1L, names.counters().get("failed_read_group"));
            assertEquals(1L, names.counters().get("unknown_ids"));
        }
    }
}
