package io.infrasight.enrich.k8s.internal;

import io.infrasight.api.enrich.EnrichmentStatus;
import io.infrasight.api.event.Event;
import io.infrasight.api.spi.Enricher;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.api.status.ConfigValues;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** Kubernetes as an enricher (ranking 200: after the container enricher, whose context it reads). */
@Component(service = {Enricher.class, EnrichmentStatus.class}, configurationPid = K8sEnricherConfig.PID,
        property = {"service.ranking:Integer=200"})
@Designate(ocd = K8sEnricherConfig.class)
public final class K8sEnricher implements Enricher, EnrichmentStatus {
    static final String ID = "k8s";

    private final PodResolver resolver;
    private final ConfigProblems problems;

    @Activate
    public K8sEnricher(K8sEnricherConfig c, @Reference ConfigProblems problems) {
        this.problems = problems;
        String pid = K8sEnricherConfig.PID;
        List<ConfigProblem> found = new ArrayList<>();
        String url = ConfigValues.read(pid, "api.url", c::api_url, v -> v.isBlank() || v.startsWith("http://")
                || v.startsWith("https://"), "must be empty or an http(s) URL", "", found);
        int refresh = ConfigValues.read(pid, "refresh.ms", c::refresh_ms, v -> v >= 1000, "must be at least 1000",
                30000, found);
        int timeout = ConfigValues.read(pid, "timeout.ms", c::timeout_ms, v -> v >= 100, "must be at least 100", 5000,
                found);
        PodDirectory dir = null;
        if (!url.isBlank()) {
            try {
                dir = new PodDirectory(URI.create(url), nodeName(c.node_name()), Path.of(c.token_path()),
                        Path.of(c.ca_path()), Duration.ofMillis(timeout));
            } catch (IOException | IllegalArgumentException e) {
                found.add(new ConfigProblem(pid, "api.url", url, "cannot be used (" + e.getMessage()
                        + "); using container labels only"));
            }
        }
        problems.report(pid + "#component", found);
        resolver = new PodResolver(dir, refresh);
        resolver.start();
    }

    static String nodeName(String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String env = System.getenv("NODE_NAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Deactivate
    void deactivate() {
        resolver.close();
        problems.report(K8sEnricherConfig.PID + "#component", List.of());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Event enrich(Event event) {
        return resolver.enrich(event);
    }

    @Override
    public Map<String, Long> counters() {
        return resolver.counters();
    }
}
