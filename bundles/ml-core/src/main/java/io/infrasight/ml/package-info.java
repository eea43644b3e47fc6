/**
 * The anomaly engine that model families (ml-resource, ml-syscall) build on: a family turns events
 * into additive interval quantities and those into features; the engine aggregates them per
 * container and host, learns, calibrates thresholds, scores, explains, persists and raises alerts.
 * Weka stays inside this bundle.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.infrasight.ml;
