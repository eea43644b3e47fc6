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
        String text;
        if (featuresBoot instanceof Object[] array) {
            text = String.join(",", java.util.Arrays.stream(array).map(String::valueOf).toList());
        } else if (featuresBoot instanceof java.util.Collection<?> c) {
            text = String.join(",", c.stream().map(String::valueOf).toList());
        } else {
            text = String.valueOf(featuresBoot);
        }
        for (String token : text.split("[,()\\s\\\\]+")) {
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
