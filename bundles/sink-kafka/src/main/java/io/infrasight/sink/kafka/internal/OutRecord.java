package io.infrasight.sink.kafka.internal;

/** One serialized record on its way to Kafka; {@code seq} orders records across the whole sink. */
record OutRecord(long seq, String topic, byte[] key, byte[] value) {
    int sizeOnDisk() {
        return 8 + 2 + topic.length() * 3 + 2 + key.length + value.length;
    }
}
