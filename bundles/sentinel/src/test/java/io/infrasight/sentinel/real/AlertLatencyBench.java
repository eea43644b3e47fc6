package io.infrasight.sentinel.real;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.alert.AlertGate;
import io.infrasight.api.event.Event;
import io.infrasight.api.json.AlertJson;
import io.infrasight.api.spi.AlertPublisher;
import io.infrasight.api.spi.AlertSink;
import io.infrasight.api.spi.Detector;
import io.infrasight.core.internal.Bus;
import io.infrasight.probe.exec.ExecProbe;
import io.infrasight.probe.open.OpenProbe;
import io.infrasight.sentinel.internal.engine.Sentinel;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert latency from the syscall to a line in alerts.jsonl: real exec and open probes, the real bus
 * (platform/core) with its detector and alert-sink queues, Sentinel with the default pack, and an
 * alert sink that appends AlertJson lines to a file as sink-jsonl does. Latency = time the line was
 * written minus the kernel's CLOCK_MONOTONIC stamp on the event (System.nanoTime is the same clock).
 * Run with -Dsentinel.bench=true.
 */
class AlertLatencyBench {
    @TempDir
    Path dir;

    @Test
    void syscallToAlertsJsonlLatency() throws Exception {
        assumeTrue(Boolean.getBoolean("sentinel.bench"), "benchmark: run with -Dsentinel.bench=true");
        Sentinel sentinel = new Sentinel(new AlertGate<>(0, 0, 10_000), System::nanoTime,
                () -> System.currentTimeMillis() * 1_000_000L);
        try (var files = Files.list(Path.of(System.getProperty("sentinel.defaultPack")))) {
            for (Path p : files.sorted().toList()) {
                sentinel.putSource("bundle", p.toString(), Files.readString(p));
            }
        }
        sentinel.recompile();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Path out = dir.resolve("alerts.jsonl");
        FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        AlertJson json = new AlertJson();
        Bus bus = new Bus(65536, 100_000);
        bus.addDetector(new Detector() {
            @Override
            public String id() {
                return "sentinel";
            }

            @Override
            public void inspect(List<Event> batch, AlertPublisher alerts) {
                sentinel.inspect(batch, alerts);
            }
        }, null, null);
        bus.addAlertSink(new AlertSink() {
            @Override
            public String id() {
                return "bench-jsonl";
            }

            @Override
            public void onAlerts(List<Alert> batch) {
                StringBuilder sb = new StringBuilder();
                batch.forEach(a -> sb.append(json.toJson(a)).append('\n'));
                try {
                    ch.write(ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8)));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                long now = System.nanoTime();
                for (Alert a : batch) {
                    if (a.ruleId().equals("read_sensitive_file_untrusted")) {
                        latencies.add(now - a.event().header().monoNanos());
                    }
                }
            }
        }, null);
        ExecProbe exec = new ExecProbe(ProbePipeline.execConfig(), ProbePipeline.NO_PROBLEMS);
        OpenProbe open = new OpenProbe(ProbePipeline.openConfig(new String[0]), ProbePipeline.NO_PROBLEMS);
        bus.addSource(exec);
        bus.addSource(open);
        Thread.sleep(1500);
        int n = Integer.getInteger("sentinel.bench.alerts", 300);
        for (int i = 0; i < n; i++) {
            new ProcessBuilder("/bin/cat", "/etc/shadow").redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            Thread.sleep(5);   // spread them out: latency of one alert, not of a burst
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (latencies.size() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        bus.removeSource(exec);
        bus.removeSource(open);
        bus.close();
        ch.close();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("ALERT LATENCY: %d of %d alerts, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; "
                + "alerts.jsonl lines %d; bus %s%n", sorted.size(), n, pct(sorted, 50), pct(sorted, 90), pct(sorted, 99),
                sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6, Files.readAllLines(out).size(),
                sentinel.counters());
    }

    private static double pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, sorted.size() * p / 100)) / 1e6;
    }
}
