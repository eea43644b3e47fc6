package io.infrasight.ops.internal.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BootFeaturesTest {

    @Test
    void readsStagedBootFeaturesWithVersions() {
        assertEquals(List.of("instance", "package", "log", "scr", "http", "infrasight-standalone"),
                List.copyOf(BootFeatures.parse("\n    ( instance, \\\n package/4.4.10, log ), \\\n"
                        + " (scr, http), infrasight-standalone/0.1.0.SNAPSHOT")));
    }

    @Test
    void acceptsArraysAndNothing() {
        assertEquals(Set.of("a", "b"), BootFeatures.parse(new String[] {"a", "(b/1.0)"}));
        assertEquals(Set.of(), BootFeatures.parse(null));
    }
}
