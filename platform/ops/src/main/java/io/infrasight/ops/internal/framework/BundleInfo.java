package io.infrasight.ops.internal.framework;

/** A bundle that is not ACTIVE; fragments are never ACTIVE, so they are marked. */
public record BundleInfo(long id, String name, String version, String state, boolean fragment) {
}
