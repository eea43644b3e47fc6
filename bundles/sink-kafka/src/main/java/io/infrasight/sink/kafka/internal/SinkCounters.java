package io.infrasight.sink.kafka.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The sink's totals, written by the sender, the bus workers and the producer's callbacks. */
final class SinkCounters {
    final AtomicLong sent = new AtomicLong();
    final AtomicLong spooled = new AtomicLong();
    final AtomicLong replayed = new AtomicLong();
    final AtomicLong outages = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    private final Map<String, AtomicLong> drops = new LinkedHashMap<>();

    SinkCounters() {
        for (String reason : new String[] {"handoff_full", "spool_full", "too_large", "encode_error", "spool_error"}) {
            drops.put(reason, new AtomicLong());
        }
    }

    void drop(String reason, long n) {
        drops.get(reason).addAndGet(n);
    }

    Map<String, Long> snapshot(long inFlight, int handoffDepth, Spool spool, boolean direct) {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("sent", sent.get());
        c.put("spooled", spooled.get());
        c.put("replayed", replayed.get());
        c.put("outages", outages.get());
        c.put("in_flight", inFlight);
        c.put("handoff_depth", (long) handoffDepth);
        c.put("spool_bytes", spool.bytes());
        c.put("spool_records", spool.records());
        c.put("spool_corrupt", spool.corrupt());
        c.put("mode_direct", direct ? 1L : 0L);
        c.put("skipped_from_kafka", skipped.get());
        drops.forEach((k, v) -> c.put("dropped_" + k, v.get()));
        return c;
    }
}
