package io.infrasight.api.status;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A table that a capability adds to the operator views (web console page, status JSON): rule
 * packs, models, caches. Register it as a service; views show every registered section and say
 * clearly when an expected one (rules, models) is not installed.
 */
@ConsumerType
public interface StatusSection {

    /** Stable id, e.g. "rules", "models", "enrichment". */
    String id();

    String title();

    List<String> columns();

    /** Rows of cells (strings, numbers, booleans), one per item; cheap to compute. */
    List<List<Object>> rows();
}
