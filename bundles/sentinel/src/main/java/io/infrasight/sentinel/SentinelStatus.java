package io.infrasight.sentinel;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Sentinel's state as data: the rules in force with their counters, the packs, and what was rejected. */
@ProviderType
public interface SentinelStatus {
    /** The engine version rule packs are checked against ({@code required_engine_version}). */
    int engineVersion();

    List<RuleInfo> rules();

    /** Rule sources (bundle packs and files) in load order. */
    List<PackInfo> packs();

    /** Rules, macros, lists or whole files rejected at the last load, each with file, line and reason. */
    List<RuleProblem> problems();

    /** Engine-wide counters: events, batches, alerts, suppressed, reloads, eval errors. */
    java.util.Map<String, Long> counters();
}
