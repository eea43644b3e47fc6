package io.infrasight.bpf;

import io.infrasight.api.event.Event;
import io.infrasight.api.spi.EventPublisher;
import io.infrasight.api.spi.SourceState;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one probe object on its own thread, the libbpf lifecycle mapped onto an event source:
 * {@link #start} returns at once; the thread opens, configures, loads, attaches, then polls the
 * "events" ring buffer in batches (10 ms, matching the kernel's batched wakeups), decodes and
 * publishes each batch with one call; {@link #stop} ends the thread, which destroys the object.
 * Failures become {@link SourceState#FAILED} with the libbpf/verifier reason, never an exception
 * out of start.
 */
public final class ProbeRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeRunner.class);
    static final int POLL_MS = 10;
    static final int BATCH_BYTES = 1 << 20;
    static final long COUNTER_REFRESH_NS = 500_000_000L;

    /** Probe-specific configuration of the object: .rodata before load, filter maps after. */
    public interface Configurer {
        void beforeLoad(BpfObject object) throws BpfException;

        void afterLoad(BpfObject object) throws BpfException;
    }

    /** One record to one event; null when user space filters it out (counted as filtered_user). */
    @FunctionalInterface
    public interface Decoder {
        Event decode(RecordReader reader, ByteBuffer buf, int offset, int length);
    }

    /**
     * @param id               source id, also the thread name suffix
     * @param objectBytes      the compiled .bpf.o; null when it could not be read (the probe then FAILS)
     * @param ringBufferBytes  power of two, page multiple
     * @param excludeSelf      drop events of this JVM in the kernel
     */
    public record Settings(String id, byte[] objectBytes, int ringBufferBytes, boolean excludeSelf) {
    }

    private final Settings settings;
    private final Configurer configurer;
    private final Decoder decoder;
    private final AtomicLong decoded = new AtomicLong();
    private final AtomicLong decodeErrors = new AtomicLong();
    private final AtomicLong filteredUser = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private volatile long[] kernel = new long[0];
    private volatile SourceState state = SourceState.of(SourceState.STOPPED);
    private volatile boolean running;
    private Thread thread;

    public ProbeRunner(Settings settings, Configurer configurer, Decoder decoder) {
        this.settings = settings;
        this.configurer = configurer;
        this.decoder = decoder;
    }

    public synchronized void start(EventPublisher publisher) {
        if (thread != null) {
            return;
        }
        running = true;
        state = SourceState.of(SourceState.STARTING);
        thread = new Thread(() -> run(publisher), "infrasight-probe-" + settings.id());
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits for the thread (at most one poll interval plus teardown); the object is gone after. */
    public synchronized void stop() {
        Thread t = thread;
        if (t == null) {
            return;
        }
        running = false;
        t.interrupt();
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    public SourceState state() {
        return state;
    }

    /** Kernel counters (refreshed every 0.5 s while running, last values after stop) and user ones. */
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>(KernelCounters.named(kernel));
        m.put("decoded", decoded.get());
        m.put("decode_errors", decodeErrors.get());
        m.put("filtered_user", filteredUser.get());
        m.put("batches", batches.get());
        return m;
    }

    private void run(EventPublisher publisher) {
        BpfObject object = null;
        try {
            if (settings.objectBytes() == null) {
                throw new BpfException("the probe's compiled BPF object is missing from its bundle");
            }
            object = BpfObject.open(settings.id(), settings.objectBytes());
            object.setMaxEntries("events", settings.ringBufferBytes());
            // wake the consumer before the ring is a quarter full, and by 256 KiB at most (FACTS.md)
            object.setReadOnly("cfg_wakeup_bytes", Math.min(256 * 1024, settings.ringBufferBytes() / 4));
            if (settings.excludeSelf()) {
                object.setReadOnly("cfg_self_tgid", (int) ProcessHandle.current().pid());
            }
            configurer.beforeLoad(object);
            object.load();
            configurer.afterLoad(object);
            object.attachAll();
            RingBuffer ring = object.ringBuffer("events");
            state = SourceState.running();
            LOG.info("probe {} running (libbpf {})", settings.id(), BpfSupport.libbpfVersion());
            poll(object, ring, publisher);
            state = SourceState.of(SourceState.STOPPED);
        } catch (BpfException e) {
            state = SourceState.failed(e.getMessage());
            LOG.error("probe {} failed: {}", settings.id(), e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            state = SourceState.failed(e.toString());
            LOG.error("probe {} failed", settings.id(), e);
        } finally {
            if (object != null) {
                object.close();
            }
        }
    }

    private void poll(BpfObject object, RingBuffer ring, EventPublisher publisher) throws BpfException {
        ByteBuffer buf = RingBuffer.allocateBatchBuffer(BATCH_BYTES);
        RecordReader reader = new RecordReader();
        List<Event> batch = new ArrayList<>();
        RingBuffer.RecordHandler handler = (b, off, len) -> {
            try {
                Event e = decoder.decode(reader, b, off, len);
                if (e == null) {
                    filteredUser.incrementAndGet();
                } else {
                    batch.add(e);
                    decoded.incrementAndGet();
                }
            } catch (RuntimeException ex) {
                if (decodeErrors.incrementAndGet() == 1) {
                    LOG.warn("probe {}: undecodable record ({} bytes)", settings.id(), len, ex);
                }
            }
        };
        long nextCounters = 0;
        while (running) {
            ring.poll(buf, POLL_MS, handler);
            if (!batch.isEmpty()) {
                // the bus may keep the list: hand over a copy, reuse ours
                publisher.publish(List.copyOf(batch));
                batches.incrementAndGet();
                batch.clear();
            }
            long now = System.nanoTime();
            if (now >= nextCounters) {
                kernel = object.perCpuSums(KernelCounters.MAP);
                nextCounters = now + COUNTER_REFRESH_NS;
            }
        }
        kernel = object.perCpuSums(KernelCounters.MAP);
    }
}
