package io.infrasight.api.status;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Reads one configuration value defensively: a value that cannot be converted or fails a check is
 * recorded as a {@link ConfigProblem} and the fallback is used, so a typo in {@code etc/*.cfg} never
 * stops a component.
 */
public final class ConfigValues {
    private ConfigValues() {
    }

    public static <T> T read(String pid, String property, Supplier<T> getter, Predicate<T> valid, String rule,
            T fallback, List<ConfigProblem> problems) {
        T value;
        try {
            value = getter.get();
        } catch (RuntimeException e) {
            problems.add(new ConfigProblem(pid, property, "?", "cannot be read (" + e.getMessage() + "); using "
                    + fallback));
            return fallback;
        }
        if (value == null || !valid.test(value)) {
            problems.add(new ConfigProblem(pid, property, String.valueOf(value), rule + "; using " + fallback));
            return fallback;
        }
        return value;
    }
}
