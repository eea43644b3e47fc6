package io.infrasight.itest;

import static io.infrasight.itest.Distribution.waitFor;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The agent and server roles boot from the same distribution. Without a broker address each
 * Kafka component says so in status (the one setting an operator must give) and the rest runs.
 */
class RolesIT {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "agent, io.infrasight.sink.kafka, probe.exec",
        "server, io.infrasight.source.kafka, ''"})
    void roleBootsItsFeaturesAndAsksOnlyForTheBrokerAddress(String role, String kafkaPid, String source)
            throws Exception {
        try (Distribution dist = new Distribution("role-" + role, role)) {
            dist.start();
            waitFor(Duration.ofSeconds(90), "feature infrasight-" + role + " installed", () -> Distribution.find(
                    dist.status().path("features"), f -> f.path("name").asText().equals("infrasight-" + role)) != null);
            waitFor(Duration.ofSeconds(60), "the missing broker address reported", () -> {
                for (JsonNode p : dist.status().path("config_problems")) {
                    if (p.path("pid").asText().equals(kafkaPid)
                            && p.path("property").asText().equals("bootstrap.servers")) {
                        return true;
                    }
                }
                return false;
            });
            if (!source.isEmpty()) {
                waitFor(Duration.ofSeconds(60), source + " running in the " + role + " role",
                        () -> dist.source(source) != null
                                && dist.source(source).path("state").asText().equals("RUNNING"));
            }
            assertNotNull(dist.status().path("subscribers"));
        }
    }
}
