// SPDX-License-Identifier: Apache-2.0
import io.infrasight.api.event.Event;
import io.infrasight.api.spi.EventPublisher;
import io.infrasight.api.spi.EventSource;
import io.infrasight.api.spi.SourceState;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs event probes as DS would construct them (their public constructor with a configuration
 * whose every attribute is the metatype default, and a ConfigProblems), publishing into a counter.
 *   java -cp <jars> ProbeHost io.infrasight.probe.chmod.ChmodProbe [more probe classes]
 * Prints "ready" once every probe is RUNNING; on "snap" prints "events <n>" and, per probe,
 * "source <id> <state> <events>"; "stop <id>" stops one probe (the others keep running); ends at
 * "quit"/EOF after printing each probe's counters.
 */
public final class ProbeHost {
    public static void main(String[] args) throws Exception {
        AtomicLong events = new AtomicLong();
        EventPublisher counter = new EventPublisher() {
            @Override
            public void publish(Event e) {
                events.incrementAndGet();
            }

            @Override
            public void publish(List<? extends Event> batch) {
                events.addAndGet(batch.size());
            }
        };
        ConfigProblems problems = new ConfigProblems() {
            @Override
            public void report(String pid, List<ConfigProblem> found) {
                found.forEach(p -> System.err.println("config problem: " + p.message()));
            }

            @Override
            public List<ConfigProblem> list() {
                return List.of();
            }
        };
        List<EventSource> probes = new ArrayList<>();
        java.util.Map<String, AtomicLong> perSource = new java.util.concurrent.ConcurrentHashMap<>();
        for (String name : args) {
            Class<?> type = Class.forName(name);
            Constructor<?> ctor = null;
            for (Constructor<?> c : type.getConstructors()) {
                if (c.getParameterCount() == 2 && c.getParameterTypes()[0].isAnnotation()) {
                    ctor = c;
                }
            }
            if (ctor == null) {
                throw new IllegalArgumentException(name + " has no (Config, ConfigProblems) constructor");
            }
            Class<?> configType = ctor.getParameterTypes()[0];
            Object config = Proxy.newProxyInstance(configType.getClassLoader(), new Class<?>[] {configType},
                    (proxy, m, a) -> m.getDefaultValue());
            EventSource probe = (EventSource) ctor.newInstance(config, problems);
            AtomicLong mine = perSource.computeIfAbsent(probe.id(), k -> new AtomicLong());
            probe.start(new EventPublisher() {
                @Override
                public void publish(Event e) {
                    mine.incrementAndGet();
                    counter.publish(e);
                }

                @Override
                public void publish(List<? extends Event> batch) {
                    mine.addAndGet(batch.size());
                    counter.publish(batch);
                }
            });
            probes.add(probe);
        }
        long deadline = System.currentTimeMillis() + 20_000;
        for (EventSource p : probes) {
            while (!p.state().state().equals(SourceState.RUNNING)) {
                if (p.state().state().equals(SourceState.FAILED) || System.currentTimeMillis() > deadline) {
                    System.out.println("failed " + p.id() + " " + p.state());
                    return;
                }
                Thread.sleep(10);
            }
        }
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null && !line.equals("quit");) {
            if (line.equals("snap")) {
                System.out.println("events " + events.get());
                for (EventSource p : probes) {
                    System.out.println("source " + p.id() + " " + p.state().state() + " " + perSource.get(p.id()).get());
                }
            } else if (line.startsWith("stop ")) {
                for (EventSource p : probes) {
                    if (p.id().equals(line.substring(5).strip())) {
                        p.stop();
                        System.out.println("stopped " + p.id() + " " + p.state().state());
                    }
                }
            }
        }
        Thread.sleep(700);   // last poll and counter refresh
        for (EventSource p : probes) {
            System.out.println("counters " + p.id() + " " + p.counters());
            p.stop();
        }
        System.out.println("events " + events.get());
    }
}
