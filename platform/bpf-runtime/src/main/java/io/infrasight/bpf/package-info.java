/**
 * eBPF runtime over libbpf (JNI): open a CO-RE object from bytes, set its read-only configuration,
 * load, attach, update filter maps, consume the ring buffer in batches, read per-CPU counters, and
 * destroy it. {@link io.infrasight.bpf.ProbeRunner} maps that lifecycle onto an event source.
 */
@Export
@Version("1.1.0")
package io.infrasight.bpf;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
