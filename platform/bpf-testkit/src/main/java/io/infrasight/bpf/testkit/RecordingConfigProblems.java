package io.infrasight.bpf.testkit;

import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** ConfigProblems as the core keeps it, for components constructed directly in tests. */
public final class RecordingConfigProblems implements ConfigProblems {
    public final Map<String, List<ConfigProblem>> byReporter = new ConcurrentHashMap<>();

    @Override
    public void report(String pid, List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            byReporter.remove(pid);
        } else {
            byReporter.put(pid, List.copyOf(problems));
        }
    }

    @Override
    public List<ConfigProblem> list() {
        List<ConfigProblem> all = new ArrayList<>();
        byReporter.values().forEach(all::addAll);
        return all;
    }
}
