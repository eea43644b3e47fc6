package io.infrasight.k8s.controller.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The component outside OSGi: what it does with its configuration and with an API server it cannot reach. */
class K8sControllerComponentTest {
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final ConfigProblems sink = new ConfigProblems() {
        @Override
        public void report(String pid, List<ConfigProblem> list) {
            problems.addAll(list);
        }

        @Override
        public List<ConfigProblem> list() {
            return problems;
        }
    };

    /** A config with the annotation's defaults, overridden by name. */
    private static K8sControllerConfig config(Map<String, Object> values) {
        return (K8sControllerConfig) Proxy.newProxyInstance(K8sControllerConfig.class.getClassLoader(),
                new Class<?>[] {K8sControllerConfig.class}, (proxy, method, args) -> {
                    Method m = method;
                    if (values.containsKey(m.getName())) {
                        return values.get(m.getName());
                    }
                    return m.getDefaultValue();
                });
    }

    private static boolean starterAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("infrasight-k8s-start"));
    }

    @Test
    void disabledByDefaultItStartsNoThreadAndWatchesNothing() {
        K8sControllerComponent c = new K8sControllerComponent(config(Map.of()), sink);
        try {
            assertEquals(0L, c.counters().get("watching"));
            assertEquals("disabled", c.state());
            assertTrue(problems.isEmpty(), problems.toString());
        } finally {
            c.deactivate();
        }
    }

    @Test
    void anUnreachableApiServerIsCountedAndRetriedNotThrownAndStopsWithTheComponent() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        K8sControllerComponent c = new K8sControllerComponent(config(Map.of("enabled", true,
                "namespace", "Not_A_Namespace", "api_url", "http://127.0.0.1:" + closedPort)), sink);
        try {
            long end = System.currentTimeMillis() + 60_000;
            while (c.counters().get("start_failures") < 1) {
                assertTrue(System.currentTimeMillis() < end, "a failed start within 60 s; state " + c.state());
                Thread.sleep(100);
            }
            assertEquals(0L, c.counters().get("watching"));
            assertTrue(c.state().startsWith("failed"), c.state());
            assertTrue(problems.stream().anyMatch(p -> p.property().equals("namespace")), problems.toString());
        } finally {
            c.deactivate();
        }
        long end = System.currentTimeMillis() + 10_000;
        while (starterAlive()) {
            assertTrue(System.currentTimeMillis() < end, "the start thread ends on deactivate");
            Thread.sleep(50);
        }
    }
}
