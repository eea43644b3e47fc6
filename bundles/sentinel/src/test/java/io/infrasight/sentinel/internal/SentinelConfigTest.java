package io.infrasight.sentinel.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.infrasight.api.alert.AlertGate;
import io.infrasight.api.status.ConfigProblem;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad values in etc/io.infrasight.sentinel.cfg are reported, and the defaults are used instead. */
class SentinelConfigTest {
    private static SentinelConfig config(int window, int perRule, int maxKeys) {
        return new SentinelConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SentinelConfig.class;
            }

            @Override
            public String rules_directory() {
                return "";
            }

            @Override
            public String deploy_directory() {
                return "";
            }

            @Override
            public boolean watch() {
                return true;
            }

            @Override
            public int dedup_window_seconds() {
                return window;
            }

            @Override
            public int rate_limit_per_rule() {
                return perRule;
            }

            @Override
            public int dedup_max_keys() {
                return maxKeys;
            }
        };
    }

    @Test
    void negativeWindowAndTinyKeyLimitAreReportedAndReplacedByDefaults() {
        List<ConfigProblem> found = new ArrayList<>();
        AlertGate<?> gate = SentinelComponent.gate(config(-5, 7, 3), found);
        assertEquals(2, found.size(), found.toString());
        assertEquals("dedup.window.seconds", found.get(0).property());
        assertEquals("-5", found.get(0).value());
        assertEquals("dedup.max.keys", found.get(1).property());
        assertEquals(60_000_000_000L, gate.windowNanos(), "the default window is used");
    }

    @Test
    void goodValuesAreTakenAsGiven() {
        List<ConfigProblem> found = new ArrayList<>();
        AlertGate<?> gate = SentinelComponent.gate(config(5, 0, 500), found);
        assertEquals(List.of(), found);
        assertEquals(5_000_000_000L, gate.windowNanos());
    }
}
