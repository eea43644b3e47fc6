package io.infrasight.source.kafka.internal;

import io.infrasight.api.delivery.AckReceiver;
import io.infrasight.api.delivery.Acks;
import io.infrasight.api.delivery.CounterSource;
import io.infrasight.api.event.Event;
import io.infrasight.api.spi.EventPublisher;
import io.infrasight.api.spi.EventSource;
import io.infrasight.api.spi.SourceState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server role: a consumer group over {@code <prefix>.events.*} whose events go onto the bus.
 * <p>
 * At-least-once: each event carries an ack token ({@link Acks#TOKEN}) and its id
 * ({@link Acks#EVENT_ID}). A partition's offset is committed only up to the records every
 * subscriber in {@code ack.subscribers} acknowledged through {@link AckReceiver}. Records not
 * acknowledged within the timeout are read again from the oldest one; consumption pauses while too
 * many are waiting. Malformed records are sent to the dead letter topic with headers saying why,
 * then count as done. All Kafka calls are on the source's own thread, started by {@link #start}.
 */
final class KafkaSource implements EventSource, AckReceiver, CounterSource {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSource.class);
    static final String ID = "kafka";

    private final Properties consumerProps;
    private final Properties producerProps;
    private final String prefix;
    private final String deadletterTopic;
    private final AckTracker tracker;
    private final long ackTimeoutNanos;
    private final int maxPending;
    private final RecordDecoder decoder;
    private final AtomicLong seq = new AtomicLong();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> deadletters = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile Thread thread;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile SourceState state = SourceState.of(SourceState.STOPPED);
    private volatile long lag;
    private volatile boolean paused;

    KafkaSource(Properties consumerProps, Properties producerProps, String prefix, String deadletterTopic,
            List<String> ackSubscribers, long ackTimeoutMs, int maxPending, int maxRecordBytes) {
        this.consumerProps = consumerProps;
        this.producerProps = producerProps;
        this.prefix = prefix;
        this.deadletterTopic = deadletterTopic;
        this.tracker = new AckTracker(ackSubscribers);
        this.ackTimeoutNanos = ackTimeoutMs * 1_000_000L;
        this.maxPending = maxPending;
        this.decoder = new RecordDecoder(maxRecordBytes);
        for (String c : new String[] {"consumed", "published", "commits", "commit_failures", "redelivered",
                "deadletter_failures", "rebalances"}) {
            counters.put(c, new AtomicLong());
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String sourceId() {
        return ID;
    }

    @Override
    public synchronized void start(EventPublisher publisher) {
        if (running) {
            return;
        }
        running = true;
        state = SourceState.of(SourceState.STARTING);
        Thread t = new Thread(() -> run(publisher), "infrasight-kafka-source");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
        state = SourceState.of(SourceState.STOPPED);
    }

    @Override
    public SourceState state() {
        return state;
    }

    @Override
    public void acknowledge(String subscriberId, List<? extends Event> batch) {
        for (Event e : batch) {
            long s = Acks.sequence(e, ID);
            if (s >= 0) {
                tracker.ack(subscriberId, s);
            }
        }
    }

    private void run(EventPublisher publisher) {
        Producer<byte[], byte[]> dlq = null;
        try {
            consumer = withoutContextLoader(() -> new KafkaConsumer<>(consumerProps));
            dlq = withoutContextLoader(() -> new KafkaProducer<>(producerProps));
            consumer.subscribe(Pattern.compile(Pattern.quote(prefix + ".events.") + "[a-z_]+"), new Rebalance());
            loop(publisher, dlq);
        } catch (WakeupException stopping) {
            // stop() woke the consumer up
        } catch (RuntimeException e) {
            String why = e.getCause() == null ? e.toString() : e + " (" + e.getCause() + ")";
            LOG.error("Kafka source stopped: {}", why);
            state = SourceState.failed(why);
        } finally {
            KafkaConsumer<byte[], byte[]> c = consumer;
            if (c != null) {
                try {
                    commit(c);
                } catch (RuntimeException e) {
                    LOG.debug("final commit", e);
                }
                c.close(Duration.ofSeconds(5));
            }
            consumer = null;
            if (dlq != null) {
                dlq.close(Duration.ofSeconds(5));
            }
        }
    }

    private void loop(EventPublisher publisher, Producer<byte[], byte[]> dlq) {
        KafkaConsumer<byte[], byte[]> c = consumer;
        long nextCommit = 0;
        long nextLag = 0;
        List<Event> batch = new ArrayList<>(2048);
        while (running) {
            ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(100));
            if (state.state().equals(SourceState.STARTING) && !c.assignment().isEmpty()) {
                state = SourceState.running();
            }
            batch.clear();
            boolean deadlettered = false;
            long now = System.nanoTime();
            for (ConsumerRecord<byte[], byte[]> r : records) {
                counters.get("consumed").incrementAndGet();
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                RecordDecoder.Result d = decoder.decode(r.value());
                long s = seq.incrementAndGet();
                if (!d.ok()) {
                    deadletter(dlq, r, d);
                    deadlettered = true;
                    tracker.track(tp, r.offset(), s, false, now);
                    continue;
                }
                Event e = d.event();
                e = e.withContext(e.header().context().with(Acks.EVENT_ID, d.id()).with(Acks.TOKEN, ID + ":" + s));
                tracker.track(tp, r.offset(), s, true, now);
                batch.add(e);
            }
            if (deadlettered) {
                // a dead letter counts as done only once the broker has it
                dlq.flush();
            }
            if (!batch.isEmpty()) {
                publisher.publish(batch);
                counters.get("published").addAndGet(batch.size());
            }
            long t = System.nanoTime();
            if (t >= nextCommit) {
                commit(c);
                redeliverExpired(c, t);
                nextCommit = t + 200_000_000L;
            }
            flowControl(c);
            if (t >= nextLag) {
                lag = lagOf(c);
                nextLag = t + 1_000_000_000L;
            }
        }
    }

    private void commit(KafkaConsumer<byte[], byte[]> c) {
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable();
        if (offsets.isEmpty()) {
            return;
        }
        try {
            c.commitSync(offsets, Duration.ofSeconds(10));
            counters.get("commits").incrementAndGet();
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            // not lost: the records are read again after a restart or rebalance (at-least-once)
            counters.get("commit_failures").incrementAndGet();
            tracker.restore(offsets);
            LOG.warn("Kafka source: offset commit failed: {}", e.toString());
        }
    }

    private void redeliverExpired(KafkaConsumer<byte[], byte[]> c, long now) {
        if (!tracker.needsAcks()) {
            return;
        }
        Map<TopicPartition, Long> expired = tracker.expired(now, ackTimeoutNanos);
        expired.forEach((tp, offset) -> {
            if (c.assignment().contains(tp)) {
                c.seek(tp, offset);
                counters.get("redelivered").incrementAndGet();
                LOG.warn("Kafka source: {} not acknowledged in time; reading again from offset {}", tp, offset);
            }
        });
    }

    private void flowControl(KafkaConsumer<byte[], byte[]> c) {
        int pending = tracker.pending();
        if (!paused && pending >= maxPending) {
            c.pause(c.assignment());
            paused = true;
        } else if (paused && pending < maxPending / 2) {
            c.resume(c.paused());
            paused = false;
        }
    }

    private static long lagOf(KafkaConsumer<byte[], byte[]> c) {
        long sum = 0;
        for (TopicPartition tp : c.assignment()) {
            OptionalLong l = c.currentLag(tp);
            if (l.isPresent()) {
                sum += l.getAsLong();
            }
        }
        return sum;
    }

    private void deadletter(Producer<byte[], byte[]> dlq, ConsumerRecord<byte[], byte[]> r, RecordDecoder.Result d) {
        deadletters.computeIfAbsent(d.reason(), k -> new AtomicLong()).incrementAndGet();
        RecordHeaders h = new RecordHeaders();
        h.add("infrasight.reason", d.reason().getBytes(StandardCharsets.UTF_8));
        String detail = d.detail() == null ? "" : d.detail();
        h.add("infrasight.detail", detail.substring(0, Math.min(500, detail.length())).getBytes(StandardCharsets.UTF_8));
        h.add("infrasight.source", (r.topic() + "/" + r.partition() + "@" + r.offset()).getBytes(StandardCharsets.UTF_8));
        byte[] value = r.value();
        if (value != null && RecordDecoder.OVERSIZED.equals(d.reason())) {
            // keep a sample: the original would not fit the dead letter topic either
            value = java.util.Arrays.copyOf(value, 4096);
        }
        try {
            dlq.send(new ProducerRecord<>(deadletterTopic, null, r.key(), value, h), (md, ex) -> {
                if (ex != null) {
                    counters.get("deadletter_failures").incrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            counters.get("deadletter_failures").incrementAndGet();
        }
    }

    /** Commits what is done for partitions going away; the new owner reads the rest again. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            counters.get("rebalances").incrementAndGet();
            KafkaConsumer<byte[], byte[]> c = consumer;
            if (c != null) {
                commit(c);
            }
            tracker.forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            tracker.forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            // positions come from the committed offsets
        }
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> out = new LinkedHashMap<>();
        counters.forEach((k, v) -> out.put(k, v.get()));
        long dl = 0;
        for (Map.Entry<String, AtomicLong> e : deadletters.entrySet()) {
            out.put("deadletter_" + e.getKey(), e.getValue().get());
            dl += e.getValue().get();
        }
        out.put("deadlettered", dl);
        out.put("pending_acks", (long) tracker.pending());
        out.put("lag", lag);
        out.put("paused", paused ? 1L : 0L);
        return out;
    }

    Set<String> deadletterReasons() {
        return deadletters.keySet();
    }

    interface Creator<T> {
        T create();
    }

    /**
     * kafka-clients resolves classes through the thread context class loader, which inside OSGi
     * fails (FACTS.md); with none it falls back to its own loader, which sees the embedded client.
     */
    static <T> T withoutContextLoader(Creator<T> creator) {
        Thread t = Thread.currentThread();
        ClassLoader saved = t.getContextClassLoader();
        t.setContextClassLoader(null);
        try {
            return creator.create();
        } finally {
            t.setContextClassLoader(saved);
        }
    }
}
