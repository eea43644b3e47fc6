package io.infrasight.core.internal;

import io.infrasight.api.event.Event;
import io.infrasight.api.spi.Enricher;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One enricher in the chain with its counters. Every 16th call is timed, to keep timing cheap. */
final class EnricherSlot {
    private static final Logger LOG = LoggerFactory.getLogger(EnricherSlot.class);
    private static final int SAMPLE_MASK = 15;

    final Enricher enricher;
    final String id;
    final int ranking;
    final long serviceId;
    final int kindMask;
    private final long budgetNanos;
    final LongAdder calls = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder slow = new LongAdder();
    final LongAdder sampledCalls = new LongAdder();
    final LongAdder sampledNanos = new LongAdder();
    private int tick;

    EnricherSlot(Enricher enricher, int ranking, long serviceId, int kindMask, long budgetNanos) {
        this.enricher = enricher;
        this.id = safeId(enricher);
        this.ranking = ranking;
        this.serviceId = serviceId;
        this.kindMask = kindMask;
        this.budgetNanos = budgetNanos;
    }

    private static String safeId(Enricher e) {
        try {
            return e.id();
        } catch (RuntimeException ex) {
            return e.getClass().getName();
        }
    }

    /** Runs the enricher; on error the event passes on unchanged and the error is counted. */
    Event apply(Event e) {
        if (!KindMask.accepts(kindMask, e.kind())) {
            return e;
        }
        boolean timed = (++tick & SAMPLE_MASK) == 0;
        long t0 = timed ? System.nanoTime() : 0;
        Event out;
        try {
            out = enricher.enrich(e);
            if (out == null) {
                out = e;
            }
        } catch (RuntimeException ex) {
            if (errors.sum() == 0) {
                LOG.warn("Enricher {} failed; events pass on unenriched and failures are counted", id, ex);
            }
            errors.increment();
            out = e;
        }
        if (timed) {
            long dt = System.nanoTime() - t0;
            sampledCalls.increment();
            sampledNanos.add(dt);
            if (dt > budgetNanos) {
                slow.increment();
            }
        }
        return out;
    }

    double avgNanos() {
        long n = sampledCalls.sum();
        return n == 0 ? 0 : (double) sampledNanos.sum() / n;
    }
}
