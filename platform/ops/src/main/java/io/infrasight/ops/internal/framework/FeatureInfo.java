package io.infrasight.ops.internal.framework;

/**
 * An installed Karaf feature.
 *
 * @param boot     listed in featuresBoot
 * @param required installed on its own account (boot or feature:install), not only as a dependency
 */
public record FeatureInfo(String name, String version, boolean boot, boolean required) {
}
