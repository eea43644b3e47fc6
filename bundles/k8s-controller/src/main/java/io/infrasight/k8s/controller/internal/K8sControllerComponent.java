package io.infrasight.k8s.controller.internal;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.infrasight.api.delivery.CounterSource;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.api.status.ConfigValues;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller as a DS component: needs its configuration (so a standalone or agent installation never
 * talks to an API server), connects and starts watching on its own thread so that activate returns at
 * once, and shows its counters through {@link CounterSource}.
 */
@Component(configurationPid = K8sControllerConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = K8sControllerConfig.class)
public final class K8sControllerComponent implements CounterSource {
    private static final Logger LOG = LoggerFactory.getLogger(K8sControllerComponent.class);
    private static final Path SA_NAMESPACE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private static final long RETRY_MILLIS = 30_000;

    private final Thread starter;
    private final AtomicLong startFailures = new AtomicLong();
    private volatile KubernetesClient client;
    private volatile Controller controller;
    private volatile String state = "disabled";
    private volatile boolean stopped;

    @Activate
    public K8sControllerComponent(K8sControllerConfig config, @Reference ConfigProblems problems) {
        String pid = K8sControllerConfig.PID;
        List<ConfigProblem> found = new ArrayList<>();
        boolean enabled = ConfigValues.read(pid, "enabled", config::enabled, v -> true, "", false, found);
        String ns = ConfigValues.read(pid, "namespace", config::namespace,
                v -> v.isBlank() || DNS_LABEL.matcher(v.trim()).matches(), "must be a namespace name", "", found);
        int resync = ConfigValues.read(pid, "resync.seconds", config::resync_seconds, v -> v >= 10,
                "must be an integer of at least 10", 300, found);
        String image = ConfigValues.read(pid, "default.image", config::default_image, v -> !v.contains(" "),
                "must be an image reference", "", found);
        problems.report(pid + "#component", found);
        AgentDefaults defaults = new AgentDefaults(image, config.default_kafka(), config.agent_service_account());
        String apiUrl = config.api_url();
        if (!enabled) {
            starter = null;
            LOG.info("Kubernetes controller disabled (enabled = false in etc/{}.cfg)", pid);
            return;
        }
        state = "connecting";
        starter = new Thread(() -> connect(apiUrl, namespace(ns), defaults, resync * 1000L), "infrasight-k8s-start");
        starter.setDaemon(true);
        starter.start();
    }

    /** Connects and starts watching; retried while the component is active (API down, CRD not yet applied). */
    private void connect(String apiUrl, String ns, AgentDefaults defaults, long resyncMillis) {
        while (!stopped) {
            if (tryConnect(apiUrl, ns, defaults, resyncMillis)) {
                return;
            }
            startFailures.incrementAndGet();
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean tryConnect(String apiUrl, String ns, AgentDefaults defaults, long resyncMillis) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // fabric8 finds its Jackson modules and HTTP client through the context class loader: ours has them
        Thread.currentThread().setContextClassLoader(getClass().getClassLoader());
        KubernetesClient c = null;
        try {
            Config auto = apiUrl == null || apiUrl.isBlank() ? Config.autoConfigure(null)
                    : new ConfigBuilder(Config.empty()).withMasterUrl(apiUrl).build();
            // few HTTP retries: this loop retries the whole start, and a stuck start would hide the failure
            Config base = new ConfigBuilder(auto).withRequestRetryBackoffLimit(2).build();
            c = new KubernetesClientBuilder().withConfig(base).withHttpClientFactory(new JdkHttpClientFactory()).build();
            Controller ctl = new Controller(c, ns, defaults, resyncMillis);
            synchronized (this) {
                if (stopped) {
                    c.close();
                    return true;
                }
                ctl.start();
                client = c;
                controller = ctl;
                state = "watching " + ns;
            }
            return true;
        } catch (RuntimeException e) {
            state = "failed: " + e.getMessage();
            LOG.warn("Kubernetes controller could not start (retrying in {} s): {}", RETRY_MILLIS / 1000,
                    e.getMessage());
            if (c != null) {
                c.close();
            }
            return false;
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    static String namespace(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        try {
            return Files.readString(SA_NAMESPACE, StandardCharsets.UTF_8).trim();
        } catch (IOException notInAPod) {
            return "default";
        }
    }

    @Override
    public String id() {
        return "k8s-controller";
    }

    @Override
    public Map<String, Long> counters() {
        Controller c = controller;
        Map<String, Long> out = new LinkedHashMap<>(c == null ? Map.of() : c.counters());
        out.put("watching", c == null ? 0L : 1L);
        out.put("start_failures", startFailures.get());
        return out;
    }

    /** Human-readable state, for logs and tests. */
    public String state() {
        return state;
    }

    @Deactivate
    void deactivate() {
        synchronized (this) {
            stopped = true;
        }
        if (starter != null) {
            starter.interrupt();
        }
        Controller c = controller;
        if (c != null) {
            c.stop();
        }
        KubernetesClient k = client;
        if (k != null) {
            k.close();
        }
    }
}
