package io.infrasight.source.kafka.internal;

/**
 * One broker for the test classes that only need a running broker (each uses its own topic prefix
 * and consumer group), so that the test JVM pays the broker's format and start once. It stays up
 * until the JVM exits; KafkaBroker's shutdown hook stops it then. Tests that stop or restart the
 * broker (BrokerOutageTest) keep their own.
 */
final class SharedBroker {
    private static KafkaBroker broker;

    private SharedBroker() {
    }

    static synchronized KafkaBroker get() throws Exception {
        if (broker == null) {
            broker = new KafkaBroker("shared").start();
        }
        return broker;
    }
}
