/**
 * At-least-once delivery between sources that can replay (the Kafka source) and subscribers that
 * must not lose data (stores): acknowledgement tokens carried in the event context, the
 * {@link io.infrasight.api.delivery.AckReceiver} SPI, and a counters SPI for components that are
 * not sources. See docs/kafka.md.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.infrasight.api.delivery;
