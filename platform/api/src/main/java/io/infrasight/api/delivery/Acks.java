package io.infrasight.api.delivery;

import io.infrasight.api.event.Event;

/** Context keys for at-least-once delivery. */
public final class Acks {
    /** Context key of the acknowledgement token: {@code <sourceId>:<sequence>}, a string. */
    public static final String TOKEN = "ack.token";
    /**
     * Context key of the unique event id given by the node that observed the event (the Kafka
     * sink's envelope {@code id}); a redelivered event carries the same id, so stores can drop
     * duplicates.
     */
    public static final String EVENT_ID = "event.id";

    private Acks() {
    }

    /** The sequence number in the event's token if the token belongs to {@code sourceId}, else -1. */
    public static long sequence(Event e, String sourceId) {
        Object t = e.header().context().get(TOKEN);
        if (!(t instanceof String s) || s.length() <= sourceId.length() || s.charAt(sourceId.length()) != ':'
                || !s.startsWith(sourceId)) {
            return -1;
        }
        try {
            return Long.parseLong(s, sourceId.length() + 1, s.length(), 10);
        } catch (NumberFormatException notOurs) {
            return -1;
        }
    }
}
