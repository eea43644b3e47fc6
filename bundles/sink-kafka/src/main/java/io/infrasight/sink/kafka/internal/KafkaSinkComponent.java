package io.infrasight.sink.kafka.internal;

import io.infrasight.api.delivery.CounterSource;
import io.infrasight.api.event.EventKind;
import io.infrasight.api.spi.AlertSink;
import io.infrasight.api.spi.EventSubscriber;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.api.status.ConfigValues;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Properties;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agent role: the Kafka sink. Registers an events subscriber, an alert sink and its counters. The
 * producer connects on the sink's own thread, so activation never waits for the broker.
 */
@Component(service = {}, configurationPid = KafkaSinkConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = KafkaSinkConfig.class)
public final class KafkaSinkComponent {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSinkComponent.class);
    private static final List<String> CODECS = List.of("none", "gzip", "snappy", "lz4", "zstd");

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final ConfigProblems problems;
    private KafkaSink sink;

    @Activate
    public KafkaSinkComponent(BundleContext context, KafkaSinkConfig config, @Reference ConfigProblems problems)
            throws IOException {
        this.problems = problems;
        String pid = KafkaSinkConfig.PID;
        List<ConfigProblem> found = new ArrayList<>();
        int spoolMb = ConfigValues.read(pid, "spool.max.mb", config::spool_max_mb, v -> v >= 1,
                "must be an integer of at least 1", 1024, found);
        int handoff = ConfigValues.read(pid, "handoff.capacity", config::handoff_capacity, v -> v >= 1024,
                "must be an integer of at least 1024", 131072, found);
        String codec = ConfigValues.read(pid, "compression.type", config::compression_type, CODECS::contains,
                "must be one of " + CODECS, "lz4", found);
        String bootstrap = config.bootstrap_servers() == null ? "" : config.bootstrap_servers().trim();
        if (bootstrap.isEmpty()) {
            found.add(new ConfigProblem(pid, "bootstrap.servers", "", "is required; the Kafka sink stays idle"));
        }
        Properties props = ProducerSettings.from(config, "infrasight-sink-" + hostName(), found);
        props.put("compression.type", codec);
        List<EventKind> kindList = kinds(config.kinds(), found);
        problems.report(pid + "#component", found);
        if (bootstrap.isEmpty()) {
            return;
        }
        String node = config.node() == null || config.node().isBlank() ? hostName() : config.node().trim();
        Path spoolDir = spoolDir(config.spool_directory());
        sink = new KafkaSink(props, spoolDir, spoolMb * 1024L * 1024L, config.topic_prefix(), node, handoff,
                kindList);
        sink.start();
        Hashtable<String, Object> evProps = new Hashtable<>();
        // "kinds =" in a .cfg arrives as one empty string: that means all kinds, like no value
        String[] kinds = java.util.Arrays.stream(config.kinds()).map(String::trim).filter(k -> !k.isEmpty())
                .toArray(String[]::new);
        if (kinds.length > 0) {
            evProps.put(EventSubscriber.KINDS, kinds);
        }
        // the sink drains its own hand-off queue quickly; a deep bus queue only adds latency
        evProps.put(EventSubscriber.QUEUE_CAPACITY, 65536);
        registrations.add(context.registerService(EventSubscriber.class, sink.events(), evProps));
        if (config.alerts_enabled()) {
            registrations.add(context.registerService(AlertSink.class, sink.alerts(), null));
        }
        registrations.add(context.registerService(CounterSource.class, sink, null));
        // bootstrap servers and protocol only: everything else may carry secrets
        LOG.info("Kafka sink to {} ({}), topics {}.events.<kind>, spool {} ({} MiB)", bootstrap,
                config.security_protocol(), config.topic_prefix(), spoolDir, spoolMb);
    }

    /** The kinds whose topics the producer learns at start; all when none are configured. */
    static List<EventKind> kinds(String[] configured, List<ConfigProblem> found) {
        List<EventKind> out = new ArrayList<>();
        for (String k : configured) {
            if (k.isBlank()) {
                continue;
            }
            try {
                out.add(EventKind.parse(k));
            } catch (IllegalArgumentException e) {
                found.add(new ConfigProblem(KafkaSinkConfig.PID, "kinds", k, "unknown kind; ignored"));
            }
        }
        return out.isEmpty() ? List.of(EventKind.values()) : out;
    }

    static Path spoolDir(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String data = System.getProperty("karaf.data");
        return Path.of(data != null ? data : "data", "kafka-spool");
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        for (ServiceRegistration<?> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and the framework already unregistered it
            }
        }
        if (sink != null) {
            sink.close();
        }
        problems.report(KafkaSinkConfig.PID + "#component", List.of());
    }
}
