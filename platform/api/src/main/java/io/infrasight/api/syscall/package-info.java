/**
 * Syscall numbers and names. The table itself is generated at build time from the kernel headers by
 * the bundle that needs it (probes/syscalls) and published as a {@link io.infrasight.api.syscall.SyscallNames}
 * service; this package holds the type so that detectors and models can use names without depending
 * on a probe.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.infrasight.api.syscall;
