package io.infrasight.core.internal;

import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps the rejected configuration values reported by components and by the metatype validator. */
@Component(service = ConfigProblems.class)
public final class ConfigProblemsImpl implements ConfigProblems {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigProblemsImpl.class);

    private final Map<String, List<ConfigProblem>> byReporter = new TreeMap<>();

    @Override
    public void report(String pid, List<ConfigProblem> problems) {
        List<ConfigProblem> old;
        synchronized (byReporter) {
            old = problems.isEmpty() ? byReporter.remove(pid) : byReporter.put(pid, List.copyOf(problems));
        }
        for (ConfigProblem p : problems) {
            if (old == null || !old.contains(p)) {
                LOG.error(p.message());
            }
        }
    }

    @Override
    public List<ConfigProblem> list() {
        List<ConfigProblem> all = new ArrayList<>();
        synchronized (byReporter) {
            byReporter.values().forEach(all::addAll);
        }
        return all;
    }
}
