package io.infrasight.api.status;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where components report configuration values they rejected, so that status shows them. Each
 * report is also logged once by the implementation.
 */
@ProviderType
public interface ConfigProblems {

    /** Replaces the problems recorded for {@code pid} (an empty list clears them). */
    void report(String pid, List<ConfigProblem> problems);

    List<ConfigProblem> list();
}
