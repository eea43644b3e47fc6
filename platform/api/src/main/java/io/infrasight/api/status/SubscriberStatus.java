package io.infrasight.api.status;

import java.util.List;
import java.util.Map;

/**
 * @param id            subscriber id
 * @param type          "events", "detector" or "alerts"
 * @param kinds         kind ids it receives, empty for all
 * @param capacity      queue capacity
 * @param depth         items queued now
 * @param delivered     items handed to the subscriber
 * @param ratePerSecond items per second delivered over the last few seconds
 * @param dropped       dropped items by reason (queue_full, subscriber_removed, subscriber_error)
 * @param failures      calls into the subscriber that threw
 */
public record SubscriberStatus(String id, String type, List<String> kinds, int capacity, long depth,
        long delivered, double ratePerSecond, Map<String, Long> dropped, long failures) {
    public SubscriberStatus {
        kinds = List.copyOf(kinds);
        dropped = Map.copyOf(dropped);
    }

    public long droppedTotal() {
        long t = 0;
        for (long v : dropped.values()) {
            t += v;
        }
        return t;
    }
}
