package io.infrasight.bench.ml;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Memory and disk per container model: heap after training {@code N} containers' models, minus the
 * heap of an engine with none, divided by the models; the same for data/models. Prints one line per
 * family and algorithm. Run with a fixed heap (bench/ml/run.sh).
 */
public final class ModelFootprint {
    private ModelFootprint() {
    }

    static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long diskBytes(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    public static void main(String[] args) throws Exception {
        int containers = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        System.out.printf(Locale.ROOT, "%-9s %-17s %10s %9s %12s %12s%n", "family", "algorithm", "containers",
                "models", "heap/model", "disk/model");
        for (String family : new String[] {"resource", "syscall"}) {
            for (String algorithm : new String[] {"isolation-forest", "lof"}) {
                Path base = Files.createTempDirectory("footprint-base");
                long before = usedHeap();
                Trained none = new Trained(family, algorithm, 0, samples, base);
                long empty = usedHeap() - before;
                Path dir = Files.createTempDirectory("footprint");
                before = usedHeap();
                Trained t = new Trained(family, algorithm, containers, samples, dir);
                long used = usedHeap() - before - empty;
                // per-container models: process and container level per container (global ones excluded)
                long models = t.engine.models().stream().filter(m -> m.state().equals("SCORING")
                        && !m.key().endsWith(":global") && !m.key().equals("host")).count();
                long disk = diskBytes(dir);
                System.out.printf(Locale.ROOT, "%-9s %-17s %10d %9d %9.0f KiB %9.0f KiB%n", family, algorithm,
                        containers, models, used / 1024.0 / Math.max(1, models), disk / 1024.0 / Math.max(1, models + 3));
                if (none.engine == t.engine) {
                    throw new IllegalStateException();
                }
            }
        }
    }
}
