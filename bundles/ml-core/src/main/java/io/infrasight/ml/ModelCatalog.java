package io.infrasight.ml;

import java.util.List;
import java.util.Map;

/** Registered by each model family's component so that the shell and status can list its models. */
public interface ModelCatalog {
    /** "resource", "syscall". */
    String family();

    List<ModelInfo> models();

    /** Engine counters: vectors seen, rejected by reason, models loaded, load errors, alerts. */
    Map<String, Long> counters();
}
