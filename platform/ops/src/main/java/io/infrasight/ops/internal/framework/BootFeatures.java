package io.infrasight.ops.internal.framework;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Feature names from Karaf's {@code featuresBoot}, e.g. {@code (instance, package/4.4.10), (scr, http)}:
 * stages in parentheses, entries separated by commas, optional {@code /version}.
 */
public final class BootFeatures {
    private BootFeatures() {
    }

    public static Set<String> parse(Object featuresBoot) {
        Set<String> names = new LinkedHashSet<>();
        if (featuresBoot == null) {
            return names;
        }
        for (String token : String.valueOf(featuresBoot).split("[,()\\s]+")) {
            if (token.isEmpty()) {
                continue;
            }
            int slash = token.indexOf('/');
            names.add(slash >= 0 ? token.substring(0, slash) : token);
        }
        names.remove("");
        return names;
    }
}
