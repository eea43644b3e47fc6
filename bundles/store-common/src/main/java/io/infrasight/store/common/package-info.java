/**
 * The logical tables of the event stores, rows from events and alerts, the batching writer and
 * Grafana macro expansion, shared by sink-clickhouse and store-embedded. Exported for those two
 * stores; not an API for plugins.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.infrasight.store.common;
