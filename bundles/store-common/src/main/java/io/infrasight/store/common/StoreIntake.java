package io.infrasight.store.common;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.delivery.AckReceiver;
import io.infrasight.api.event.Event;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every store component does with the bus's batches, written once for sink-clickhouse and
 * store-embedded: events and alerts become rows offered to its {@link BatchingWriter} (never
 * blocking the bus; drops are the writer's counters), and each batch the store has accepted is
 * acknowledged to the {@link AckReceiver}s, since replaying sources (the Kafka source) commit only
 * what a store has acknowledged. The component keeps its DS reference methods (bnd reads them from
 * the component class) and forwards them to {@link #addAckReceiver}/{@link #removeAckReceiver}.
 */
public final class StoreIntake {
    private final String id;
    private final Rows eventRows = new Rows();
    private final Rows alertRows = new Rows();
    private final List<AckReceiver> ackReceivers = new CopyOnWriteArrayList<>();
    private final BatchingWriter writer;

    /** @param id the store component's id, as the receivers are told who stored the events */
    public StoreIntake(String id, String threadName, BatchingWriter.Settings settings, BatchingWriter.Target target) {
        this.id = id;
        this.writer = new BatchingWriter(threadName, settings, target, this::acknowledge);
    }

    public BatchingWriter writer() {
        return writer;
    }

    public void addAckReceiver(AckReceiver r) {
        ackReceivers.add(r);
    }

    public void removeAckReceiver(AckReceiver r) {
        ackReceivers.remove(r);
    }

    /** On the writer thread, after a batch is stored. */
    private void acknowledge(List<Event> stored) {
        for (AckReceiver r : ackReceivers) {
            r.acknowledge(id, stored);
        }
    }

    public void onEvents(List<Event> batch) {
        for (Event e : batch) {
            writer.offer(eventRows.event(e));
        }
    }

    public void onAlerts(List<Alert> batch) {
        for (Alert a : batch) {
            writer.offer(alertRows.alert(a));
        }
    }

    /** Counters of the writer (received, stored, retries, dropped_* by reason), for status and metrics. */
    public Map<String, Long> counters() {
        return new LinkedHashMap<>(writer.counters());
    }
}
