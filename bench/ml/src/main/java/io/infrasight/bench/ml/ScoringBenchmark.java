package io.infrasight.bench.ml;

import io.infrasight.api.event.Event;
import io.infrasight.ml.Level;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one interval vector through a scoring engine (feature extraction, container model
 * lookup, Weka score, range guard, aggregation) against the baseline of feature extraction alone,
 * measured in the same run. bench/ml/run.sh prints the ratio.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
public class ScoringBenchmark {
    @Param({"resource", "syscall"})
    public String family;

    @Param({"isolation-forest", "lof"})
    public String algorithm;

    private Trained trained;
    private Event[] events;
    private int next;

    @Setup
    public void setup() throws Exception {
        trained = new Trained(family, algorithm, 1, 2000, Files.createTempDirectory("bench-ml"));
        if (trained.scoring() == 0) {
            throw new IllegalStateException("no model scores after learning: " + trained.engine.models());
        }
        Vectors v = new Vectors(11);
        events = new Event[1024];
        for (int i = 0; i < events.length; i++) {
            events[i] = v.next(family, "image-0");
        }
    }

    @Benchmark
    public Object baselineFeatureExtraction() {
        Event e = events[next++ & 1023];
        return trained.family.features(trained.family.raw(e), trained.family.intervalSeconds(e), 1, Level.PROCESS);
    }

    @Benchmark
    public Object scoreOneVector() {
        trained.engine.inspect(List.of(events[next++ & 1023]), null);
        return trained.engine;
    }
}
