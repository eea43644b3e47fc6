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

    /**
     * All problems; when the metatype check and the component itself report the same property, the
     * report that carries the rejected value wins (a component that failed to convert a value cannot
     * see it, and shows "?").
     */
    @Override
    public List<ConfigProblem> list() {
        Map<String, ConfigProblem> byProperty = new java.util.LinkedHashMap<>();
        synchronized (byReporter) {
            for (List<ConfigProblem> problems : byReporter.values()) {
                for (ConfigProblem p : problems) {
                    String key = p.pid() + "\u0000" + p.property();
                    ConfigProblem old = byProperty.get(key);
                    if (old == null || "?".equals(old.value())) {
                        byProperty.put(key, p);
                    }
                }
            }
        }
        return new ArrayList<>(byProperty.values());
    }
}
