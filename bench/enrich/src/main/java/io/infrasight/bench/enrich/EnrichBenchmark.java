package io.infrasight.bench.enrich;

import io.infrasight.api.event.Context;
import io.infrasight.api.event.Event;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Enrichment cost per event with warm caches (issue 5: <= 1 µs for the whole chain). Each call
 * enriches the next event of a pre-built realistic mix; the counters printed at tear-down give the
 * hit rates of the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgs = {"-Xms512m", "-Xmx512m"})
@State(Scope.Thread)
public class EnrichBenchmark {
    private static final int EVENTS = 8192;

    private EnrichmentWorld world;
    private Event[] events;
    private Event[] afterContainer;
    private int i;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        world = new EnrichmentWorld();
        events = world.events(EVENTS, 42);
        afterContainer = new Event[EVENTS];
        for (int j = 0; j < EVENTS; j++) {
            afterContainer[j] = world.container.enrich(world.users.enrich(world.process.enrich(events[j])));
            world.enrichAll(events[j]); // warm every cache once
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        System.out.println();
        for (Map.Entry<String, Map<String, Long>> e : world.counters().entrySet()) {
            Map<String, Long> c = e.getValue();
            long hits = c.getOrDefault("hits", 0L);
            long misses = c.getOrDefault("misses", 0L);
            System.out.printf("# %-9s hit rate %.4f%% (hits %d, misses %d) %s%n", e.getKey(),
                    hits + misses == 0 ? 0.0 : 100.0 * hits / (hits + misses), hits, misses, c);
        }
        world.close();
    }

    private int next() {
        int j = i;
        i = (j + 1) & (EVENTS - 1);
        return j;
    }

    /** All five enrichers, in bus order: the figure the 1 µs budget is about. */
    @Benchmark
    public Event chain() {
        return world.enrichAll(events[next()]);
    }

    @Benchmark
    public Event process() {
        return world.process.enrich(events[next()]);
    }

    @Benchmark
    public Event users() {
        return world.users.enrich(events[next()]);
    }

    @Benchmark
    public Event container() {
        return world.container.enrich(events[next()]);
    }

    /** On events the container enricher has already seen, as on the bus. */
    @Benchmark
    public Event k8s() {
        return world.k8s.enrich(afterContainer[next()]);
    }

    @Benchmark
    public Event format() {
        return world.format.enrich(events[next()]);
    }

    /** What any enricher pays to attach five keys: Context copies its map on every with(). */
    @Benchmark
    public Event baselineContextCopy() {
        Event e = events[next()];
        return e.withContext(e.header().context().with(FIVE));
    }

    private static final Map<String, Object> FIVE = Map.of("a.1", "x", "a.2", "y", "a.3", 3, "a.4", true, "a.5", "z");

    static Context unused() {
        return Context.EMPTY;
    }
}
