package io.infrasight.source.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.core.internal.Bus;
import io.infrasight.sink.kafka.internal.AgentSide;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The server JVM is killed with SIGKILL mid-stream and started again. */
@Timeout(400)
class ServerKillTest {
    @TempDir
    Path tmp;

    @Test
    void serverKilledMidStreamAndRestartedLosesNothingAndDuplicatesCarryTheSameId() throws Exception {
        String prefix = "tkill";
        int total = 60_000;
        Path store = tmp.resolve("store.txt");
        Bus agentBus = new Bus(65536, 1_000_000);
        Process server = null;
        KafkaBroker broker = SharedBroker.get();
        try (AgentSide agent = new AgentSide(broker.bootstrap(), tmp.resolve("spool"), prefix, Map.of())) {
            agentBus.addSubscriber(agent.events(), null, 65536);
            server = startServer(broker.bootstrap(), prefix, store);
            Thread stream = new Thread(() -> {
                try {
                    // 6,000/s: the stream lasts ~10 s, past the kill (after 10,000 stored) and the restart
                    Streams.publish(agentBus.publisher("test"), 0, total, 6_000, () -> true);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "test-stream");
            stream.start();
            assertTrue(Streams.await(() -> lines(store) > 10_000, 120), "stored before the kill");
            assertTrue(stream.isAlive(), "killed mid-stream");
            server.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no final commit
            long storedAtKill = lines(store);
            // the agent keeps producing while no server runs; the restarted one joins the group, which
            // the broker rebalances once the killed member's session (6 s, ServerSide) has expired
            Thread.sleep(1_000);
            server = startServer(broker.bootstrap(), prefix, store);
            stream.join(120_000);
            assertTrue(Streams.await(() -> distinct(store).size() >= total, 240),
                    "stored " + distinct(store).size() + " of " + total + "; agent " + agent.counters());
            Map<String, String> byId = distinct(store);
            assertEquals(total, byId.size(), "zero lost");
            assertEquals(total, byId.values().stream().distinct().count(), "one id per event");
            long deliveries = lines(store);
            System.out.printf("kill: stored at kill %d, deliveries %d, distinct %d, duplicates %d%n", storedAtKill,
                    deliveries, byId.size(), deliveries - byId.size());
        } finally {
            if (server != null) {
                server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            agentBus.close();
        }
    }

    private static Process startServer(String bootstrap, String prefix, Path store) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                ServerProcess.class.getName(), bootstrap, prefix, "g-kill", store.toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(new File(store + ".log"));
        return pb.start();
    }

    private static long lines(Path f) {
        try {
            return Files.exists(f) ? Files.readAllLines(f).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Event id -> "pid kind mono"; a duplicate delivery must describe the same event. */
    private static Map<String, String> distinct(Path f) {
        Map<String, String> m = new HashMap<>();
        try {
            if (!Files.exists(f)) {
                return m;
            }
            List<String> all = Files.readAllLines(f);
            for (String line : all) {
                int sp = line.indexOf(' ');
                if (line.split(" ").length != 4) {
                    continue; // a line cut by the kill
                }
                String before = m.putIfAbsent(line.substring(0, sp), line.substring(sp + 1));
                if (before != null && !before.equals(line.substring(sp + 1))) {
                    throw new AssertionError("id " + line.substring(0, sp) + " names two events");
                }
            }
        } catch (IOException e) {
            return m;
        }
        return m;
    }
}
