package io.infrasight.api.status;

import java.util.Map;

/**
 * @param id            source id
 * @param state         RUNNING, FAILED, ...
 * @param reason        why, when not running
 * @param published     events published since the source was bound
 * @param ratePerSecond events per second over the last few seconds
 * @param counters      source-specific counters (kernel drops, filtered, decode errors)
 */
public record SourceStatus(String id, String state, String reason, long published, double ratePerSecond,
        Map<String, Long> counters) {
    public SourceStatus {
        counters = Map.copyOf(counters);
    }
}
