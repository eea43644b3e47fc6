/**
 * What the event probe bundles share beyond the runtime: {@link io.infrasight.bpf.probe.KernelProbe},
 * an {@link io.infrasight.api.spi.EventSource} over one {@link io.infrasight.bpf.ProbeRunner} with the
 * config-problem reporting every probe does, and decoding helpers (paths from /proc, socket addresses).
 */
@Export
@Version("1.0.0")
package io.infrasight.bpf.probe;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
