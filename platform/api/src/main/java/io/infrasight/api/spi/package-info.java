/** Service provider interfaces implemented by plugins: sources, enrichers, subscribers, detectors, alert sinks. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.infrasight.api.spi;
