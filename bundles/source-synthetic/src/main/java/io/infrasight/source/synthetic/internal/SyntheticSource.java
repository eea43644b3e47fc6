package io.infrasight.source.synthetic.internal;

import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.spi.EventPublisher;
import io.infrasight.api.spi.EventSource;
import io.infrasight.api.spi.SourceState;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.api.status.ConfigValues;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes generated events at a steady rate from its own thread. Anything thrown on that thread
 * is counted ({@code errors}) and shown in status, so tests can assert the source never saw one.
 */
// REQUIRE: the generator never runs by accident; it needs etc/io.infrasight.source.synthetic.cfg.
@Component(service = EventSource.class, configurationPid = SyntheticConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SyntheticConfig.class)
public final class SyntheticSource implements EventSource {
    private static final Logger LOG = LoggerFactory.getLogger(SyntheticSource.class);

    private final int rate;
    private final int batchSize;
    private final long total;
    private final EventKind[] kinds;
    private final String node;
    private final AtomicLong generated = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile Thread thread;
    private volatile boolean running;
    private volatile String state = SourceState.STOPPED;

    @Activate
    public SyntheticSource(SyntheticConfig config, @Reference ConfigProblems problems) {
        String pid = SyntheticConfig.PID;
        List<ConfigProblem> found = new ArrayList<>();
        rate = ConfigValues.read(pid, "rate", config::rate, v -> v >= 0, "must be an integer >= 0", 10000, found);
        batchSize = ConfigValues.read(pid, "batch.size", config::batch_size, v -> v >= 1, "must be an integer >= 1",
                256, found);
        total = ConfigValues.read(pid, "total", config::total, v -> v >= 0, "must be an integer >= 0", 0L, found);
        List<EventKind> parsed = new ArrayList<>();
        for (String entry : config.kinds()) {
            for (String k : entry.split(",")) { // .cfg files give "exec,open" as one string
                if (k.isBlank()) {
                    continue;
                }
                try {
                    parsed.add(EventKind.parse(k));
                } catch (IllegalArgumentException e) {
                    found.add(new ConfigProblem(pid, "kinds", k, e.getMessage() + "; ignored"));
                }
            }
        }
        if (parsed.isEmpty()) {
            parsed.add(EventKind.EXEC);
        }
        kinds = parsed.toArray(EventKind[]::new);
        problems.report(pid + "#component", found);
        node = hostName();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }

    @Override
    public String id() {
        return "synthetic";
    }

    @Override
    public synchronized void start(EventPublisher publisher) {
        running = true;
        state = SourceState.RUNNING;
        Thread t = new Thread(() -> run(publisher), "infrasight-source-synthetic");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        state = SourceState.STOPPED;
    }

    private void run(EventPublisher publisher) {
        List<Event> batch = new ArrayList<>(batchSize);
        long startNanos = System.nanoTime();
        long n = 0;
        while (running && (total == 0 || n < total)) {
            try {
                batch.clear();
                int size = (int) (total == 0 ? batchSize : Math.min(batchSize, total - n));
                for (int i = 0; i < size; i++) {
                    batch.add(EventFactory.create(kinds[(int) ((n + i) % kinds.length)], n + i, node));
                }
                publisher.publish(batch);
                n += size;
                generated.set(n);
                if (rate > 0) {
                    long due = startNanos + n * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
            } catch (RuntimeException | Error e) {
                errors.incrementAndGet();
                LOG.error("Synthetic source failed publishing", e);
            }
        }
        if (running) {
            state = "COMPLETED";
            LOG.info("Synthetic source published its total of {} events", n);
        }
    }

    @Override
    public SourceState state() {
        return SourceState.of(state);
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("generated", generated.get());
        m.put("errors", errors.get());
        return m;
    }
}
