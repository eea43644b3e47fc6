package io.infrasight.source.kafka.internal;

import io.infrasight.api.delivery.AckReceiver;
import io.infrasight.api.delivery.CounterSource;
import io.infrasight.api.spi.EventSource;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.api.status.ConfigValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * Server role: registers the Kafka source as an {@link EventSource} (the bus starts and stops it),
 * an {@link AckReceiver} (stores acknowledge through it) and a {@link CounterSource}.
 */
@Component(service = {}, configurationPid = KafkaSourceConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = KafkaSourceConfig.class)
public final class KafkaSourceComponent {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSourceComponent.class);

    private final ConfigProblems problems;
    private ServiceRegistration<?> registration;

    @Activate
    public KafkaSourceComponent(BundleContext context, KafkaSourceConfig config, @Reference ConfigProblems problems) {
        this.problems = problems;
        String pid = KafkaSourceConfig.PID;
        List<ConfigProblem> found = new ArrayList<>();
        int timeout = ConfigValues.read(pid, "ack.timeout.ms", config::ack_timeout_ms, v -> v >= 1000,
                "must be an integer of at least 1000", 60000, found);
        int maxPending = ConfigValues.read(pid, "max.pending", config::max_pending, v -> v >= 1000,
                "must be an integer of at least 1000", 200000, found);
        int maxBytes = ConfigValues.read(pid, "max.record.bytes", config::max_record_bytes, v -> v >= 1024,
                "must be an integer of at least 1024", 1048576, found);
        List<String> ackers = ConfigValues.read(pid, "ack.subscribers",
                () -> Arrays.stream(config.ack_subscribers()).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                l -> l.size() <= 30, "at most 30 subscribers", List.of(), found);
        String bootstrap = config.bootstrap_servers() == null ? "" : config.bootstrap_servers().trim();
        if (bootstrap.isEmpty()) {
            found.add(new ConfigProblem(pid, "bootstrap.servers", "", "is required; the Kafka source stays idle"));
        }
        KafkaSource source = new KafkaSource(ClientSettings.consumer(config, found),
                ClientSettings.deadletterProducer(config), config.topic_prefix(), config.deadletter_topic(), ackers,
                timeout, maxPending, maxBytes);
        problems.report(pid + "#component", found);
        if (bootstrap.isEmpty()) {
            return;
        }
        registration = context.registerService(
                new String[] {EventSource.class.getName(), AckReceiver.class.getName(), CounterSource.class.getName()},
                source, null);
        LOG.info("Kafka source from {} ({}), group {}, acknowledging subscribers {}", bootstrap,
                config.security_protocol(), config.group_id(), ackers);
    }

    @Deactivate
    void deactivate() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and the framework already unregistered it
            }
        }
        problems.report(KafkaSourceConfig.PID + "#component", List.of());
    }
}
