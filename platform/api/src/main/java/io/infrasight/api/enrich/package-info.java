/**
 * Enrichment state: what each enricher has cached and which lookups failed and why. Enrichers
 * publish {@link io.infrasight.api.enrich.EnrichmentStatus} next to their
 * {@link io.infrasight.api.spi.Enricher} service so that status pages and metrics can show it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.infrasight.api.enrich;
