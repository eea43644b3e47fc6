package io.infrasight.ops.internal.framework;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OSGi side of status.
 *
 * @param bundleStates      bundle count per state name (ACTIVE, RESOLVED, ...), all states present
 * @param notActive         bundles that are not ACTIVE
 * @param featuresAvailable whether Karaf's FeaturesService was there to ask
 * @param features          installed InfraSight and boot features
 */
public record FrameworkStatus(Map<String, Integer> bundleStates, List<BundleInfo> notActive,
        boolean featuresAvailable, List<FeatureInfo> features) {
    public FrameworkStatus {
        bundleStates = Collections.unmodifiableMap(new LinkedHashMap<>(bundleStates)); // keeps state order
        notActive = List.copyOf(notActive);
        features = List.copyOf(features);
    }

    public static FrameworkStatus empty() {
        return new FrameworkStatus(Map.of(), List.of(), false, List.of());
    }

    public int bundleTotal() {
        int t = 0;
        for (int n : bundleStates.values()) {
            t += n;
        }
        return t;
    }
}
