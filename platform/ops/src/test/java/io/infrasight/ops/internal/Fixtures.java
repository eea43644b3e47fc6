package io.infrasight.ops.internal;

import io.infrasight.api.status.BusStatus;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.EnricherStatus;
import io.infrasight.api.status.SourceStatus;
import io.infrasight.api.status.SubscriberStatus;
import io.infrasight.ops.internal.framework.BundleInfo;
import io.infrasight.ops.internal.framework.FeatureInfo;
import io.infrasight.ops.internal.framework.FrameworkStatus;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A known status for the rendering tests, and a tiny proxy helper for servlet and OSGi interfaces. */
public final class Fixtures {
    private Fixtures() {
    }

    public static BusStatus status() {
        Map<String, Long> drops = new LinkedHashMap<>();
        drops.put("queue_full", 5L);
        drops.put("subscriber_error", 1L);
        return new BusStatus(1_767_225_600_000L, 65_000L, 1234L,
                List.of(new SourceStatus("exec", "RUNNING", null, 1000L, 12.5, Map.of("kernel_drops", 3L)),
                        new SourceStatus("open", "FAILED", "tracefs not mounted", 234L, 0.0, Map.of())),
                List.of(new EnricherStatus("process-tree", 100, 1234L, 2L, 7L, 1500.0)),
                List.of(new SubscriberStatus("jsonl", "events", List.of(), 65536, 3L, 1229L, 10.0, drops, 1L),
                        new SubscriberStatus("alerts-file", "alerts", List.of("exec"), 1024, 0L, 4L, 0.0, Map.of(), 0L)),
                List.of(new ConfigProblem("io.infrasight.bus", "queue.capacity", "abc",
                        "must be an integer of at least 16; using 65536")));
    }

    public static FrameworkStatus framework() {
        Map<String, Integer> states = new LinkedHashMap<>();
        states.put("ACTIVE", 40);
        states.put("RESOLVED", 2);
        states.put("INSTALLED", 1);
        return new FrameworkStatus(states,
                List.of(new BundleInfo(12, "org.example.fragment", "1.0.0", "RESOLVED", true),
                        new BundleInfo(77, "org.example.broken", "2.1.0", "INSTALLED", false)),
                true, List.of(new FeatureInfo("infrasight-standalone", "0.1.0.SNAPSHOT", true, true),
                        new FeatureInfo("scr", "4.4.10", true, true)));
    }

    /** An {@code Authorization} header value for {@code user:password}. */
    public static String basic(String userColonPassword) {
        return "Basic " + java.util.Base64.getEncoder()
                .encodeToString(userColonPassword.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A proxy for an interface: calls go to {@code handler}, unknown methods answer null/0/false. */
    @SuppressWarnings("unchecked")
    public static <T> T fake(Class<T> type, Handler handler) {
        return (T) Proxy.newProxyInstance(Fixtures.class.getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            Object r = handler.handle(m.getName(), args == null ? new Object[0] : args);
            if (r == null && m.getReturnType().isPrimitive() && m.getReturnType() != void.class) {
                return m.getReturnType() == boolean.class ? Boolean.FALSE
                        : m.getReturnType() == long.class ? 0L : (Object) 0;
            }
            return r;
        });
    }

    @FunctionalInterface
    public interface Handler {
        Object handle(String method, Object[] args) throws Exception;
    }
}
