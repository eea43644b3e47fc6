package io.infrasight.sentinel.internal;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.alert.AlertGate;
import io.infrasight.api.event.Event;
import io.infrasight.api.spi.AlertPublisher;
import io.infrasight.sentinel.RuleProblem;
import io.infrasight.sentinel.internal.engine.Sentinel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A Sentinel with the default pack (read from the rules-default module) and a list for its alerts. */
final class Harness implements AlertPublisher {
    final List<Alert> alerts = new CopyOnWriteArrayList<>();
    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    final Sentinel sentinel;

    Harness(long windowNanos, int perRule) {
        sentinel = new Sentinel(new AlertGate<>(windowNanos, perRule, 10_000), clock::get,
                () -> System.currentTimeMillis() * 1_000_000L);
    }

    /** Dedup off: every match is an alert, which is what rule tests want to see. */
    static Harness withDefaultPack() throws IOException {
        Harness h = new Harness(0, 0);
        h.loadDefaultPack();
        List<RuleProblem> problems = h.sentinel.recompile();
        if (!problems.isEmpty()) {
            throw new AssertionError("default pack has problems: " + problems);
        }
        return h;
    }

    static Path defaultPackDir() {
        return Path.of(System.getProperty("sentinel.defaultPack", "../rules-default/src/main/resources/rules"));
    }

    void loadDefaultPack() throws IOException {
        try (var files = Files.list(defaultPackDir())) {
            for (Path p : files.sorted().toList()) {
                RuleProblem fileProblem = sentinel.putSource("bundle", "io.infrasight.rules.default!/rules/"
                        + p.getFileName(), Files.readString(p));
                if (fileProblem != null) {
                    throw new AssertionError(fileProblem.message());
                }
            }
        }
    }

    @Override
    public void publish(Alert alert) {
        alerts.add(alert);
    }

    /** Evaluates the events and returns the alerts they raised. */
    List<Alert> run(Event... events) {
        int before = alerts.size();
        sentinel.inspect(List.of(events), this);
        return new ArrayList<>(alerts.subList(before, alerts.size()));
    }

    List<String> ruleIds(Event... events) {
        return run(events).stream().map(Alert::ruleId).toList();
    }
}
