/** Read-only SQL over the configured event store (ClickHouse or the embedded store). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.infrasight.api.query;
