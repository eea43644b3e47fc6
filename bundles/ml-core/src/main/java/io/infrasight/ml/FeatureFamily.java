package io.infrasight.ml;

import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventKind;
import java.util.List;
import java.util.Map;

/**
 * What a model family contributes: which events it reads, the additive quantities of one process's
 * interval (summed by the engine for container and host vectors), and the features models see.
 * Implementations are stateless and thread-safe.
 */
public interface FeatureFamily {
    /** "resource", "syscall": names the models' directory and the alerts' rule ids. */
    String name();

    EventKind kind();

    /**
     * The additive quantities of one process over one interval (counts, bytes, ns), or an empty map
     * when the event carries no interval worth learning from. Values are checked by the engine
     * (NaN, infinite or negative values reject the vector, counted).
     */
    Map<String, Double> raw(Event event);

    /** Length of the event's interval in seconds (for rates). */
    double intervalSeconds(Event event);

    /**
     * Features from summed raw quantities of {@code processes} processes over {@code seconds};
     * {@code level} lets a family add features only aggregates have (process counts).
     */
    Map<String, Double> features(Map<String, Double> raw, double seconds, int processes, Level level);

    /** Features every schema has, in order. */
    List<String> fixedFeatures();

    /**
     * Up to this many further feature names are taken into a model's schema when learning ends,
     * the most frequent first (syscall names); the rest, and names first seen after learning, are
     * folded into {@link #otherFeature()}.
     */
    int maxOpenFeatures();

    /** The fixed feature that collects the mass of open features outside the schema, or null. */
    String otherFeature();

    /** A feature's name for people (alerts, the shell); stored models keep the stable name. */
    default String describe(String feature) {
        return feature;
    }
}
