package io.infrasight.ops.internal.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.ops.internal.Fixtures;
import io.infrasight.ops.internal.framework.FrameworkStatus;
import org.junit.jupiter.api.Test;

class StatusJsonTest {

    private final String json = StatusJson.render(Fixtures.status(), Fixtures.framework());

    private void has(String fragment) {
        assertTrue(json.contains(fragment), () -> "missing " + fragment + " in " + json);
    }

    @Test
    void writesTheBusTotalsInSnakeCase() {
        assertTrue(json.startsWith("{\"time\":\"2026-01-01T00:00:00.000000000Z\",\"time_millis\":1767225600000,"
                + "\"uptime_millis\":65000,\"published\":1234,"), json);
    }

    @Test
    void writesEverySourceFieldIncludingCountersAndNullReason() {
        has("{\"id\":\"exec\",\"state\":\"RUNNING\",\"reason\":null,\"published\":1000,\"rate_per_second\":12.5,"
                + "\"counters\":{\"kernel_drops\":3}}");
        has("{\"id\":\"open\",\"state\":\"FAILED\",\"reason\":\"tracefs not mounted\"");
    }

    @Test
    void writesEnrichers() {
        has("\"enrichers\":[{\"id\":\"process-tree\",\"ranking\":100,\"calls\":1234,\"errors\":2,\"slow\":7,"
                + "\"avg_nanos\":1500.0}]");
    }

    @Test
    void writesSubscribersWithDropsPerReason() {
        has("{\"id\":\"jsonl\",\"type\":\"events\",\"kinds\":[],\"capacity\":65536,\"depth\":3,\"delivered\":1229,"
                + "\"rate_per_second\":10.0,\"dropped\":{\"queue_full\":5,\"subscriber_error\":1},\"dropped_total\":6,"
                + "\"failures\":1}");
        has("\"kinds\":[\"exec\"]");
    }

    @Test
    void writesConfigProblemsWithTheirMessage() {
        has("\"config_problems\":[{\"pid\":\"io.infrasight.bus\",\"property\":\"queue.capacity\",\"value\":\"abc\","
                + "\"reason\":\"must be an integer of at least 16; using 65536\",\"message\":\"Configuration "
                + "io.infrasight.bus: property 'queue.capacity' = 'abc' rejected:");
    }

    @Test
    void writesFrameworkBundleStatesAndMarksFragments() {
        has("\"framework\":{\"bundles_total\":43,\"bundles\":{\"ACTIVE\":40,\"RESOLVED\":2,\"INSTALLED\":1},");
        has("{\"id\":12,\"name\":\"org.example.fragment\",\"version\":\"1.0.0\",\"state\":\"RESOLVED\",\"fragment\":true}");
        has("\"state\":\"INSTALLED\",\"fragment\":false}");
    }

    @Test
    void writesFeatures() {
        has("\"features_available\":true,\"features\":[{\"name\":\"infrasight-standalone\","
                + "\"version\":\"0.1.0.SNAPSHOT\",\"boot\":true,\"required\":true},");
        assertTrue(json.endsWith("]}"), json);
    }

    @Test
    void saysWhenFeaturesAreUnavailable() {
        String j = StatusJson.render(Fixtures.status(), FrameworkStatus.empty());
        assertTrue(j.contains("\"features_available\":false,\"features\":[]"), j);
    }

    @Test
    void bracesBalance() {
        assertEquals(count(json, '{'), count(json, '}'));
        assertEquals(count(json, '['), count(json, ']'));
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }
}
