package io.infrasight.core.internal;

import io.infrasight.api.spi.AlertPublisher;
import io.infrasight.api.spi.AlertSink;
import io.infrasight.api.spi.Detector;
import io.infrasight.api.spi.Enricher;
import io.infrasight.api.spi.EventBus;
import io.infrasight.api.spi.EventPublisher;
import io.infrasight.api.spi.EventSource;
import io.infrasight.api.spi.EventSubscriber;
import io.infrasight.api.status.BusStatus;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.api.status.ConfigValues;
import io.infrasight.api.status.StatusService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Publishes the bus and binds every source, enricher, subscriber, detector and alert sink through
 * the whiteboard: plugins register services, the bus picks them up and drops them as they come and go.
 */
@Component(service = {EventBus.class, AlertPublisher.class, StatusService.class}, immediate = true,
        configurationPid = BusConfig.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = BusConfig.class)
public final class BusComponent implements EventBus, AlertPublisher, StatusService {

    private final Bus bus;
    private final ConfigProblems problems;

    @Activate
    public BusComponent(BusConfig config, @Reference ConfigProblems problems) {
        this.problems = problems;
        List<ConfigProblem> found = new ArrayList<>();
        int capacity = ConfigValues.read(BusConfig.PID, "queue.capacity", config::queue_capacity, c -> c >= 16,
                "must be an integer of at least 16", 65536, found);
        int budget = ConfigValues.read(BusConfig.PID, "enricher.budget.micros", config::enricher_budget_micros,
                b -> b >= 1, "must be an integer of at least 1", 100, found);
        problems.report(BusConfig.PID + "#component", found);
        this.bus = new Bus(capacity, budget * 1000L);
        bus.setConfigProblems(problems::list);
        // SCR binds the services already registered after this constructor, sources possibly before the
        // subscribers (a re-activation for a new configuration meets them all at once): they start in open()
        bus.holdSources();
    }

    /** Called by SCR once the services present at activation are bound: held sources start now. */
    @Activate
    void open() {
        bus.open();
    }

    @Deactivate
    void deactivate() {
        bus.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addSource(EventSource source) {
        bus.addSource(source);
    }

    void removeSource(EventSource source) {
        bus.removeSource(source);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addEnricher(Enricher enricher, Map<String, Object> props) {
        Object ranking = props.get(Constants.SERVICE_RANKING);
        bus.addEnricher(enricher, ranking instanceof Integer i ? i : 0, (Long) props.get(Constants.SERVICE_ID),
                props.get(Enricher.KINDS));
    }

    void removeEnricher(Enricher enricher) {
        bus.removeEnricher(enricher);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addSubscriber(EventSubscriber subscriber, Map<String, Object> props) {
        bus.addSubscriber(subscriber, props.get(EventSubscriber.KINDS), props.get(EventSubscriber.QUEUE_CAPACITY));
    }

    void removeSubscriber(EventSubscriber subscriber) {
        bus.removeRoute(subscriber);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDetector(Detector detector, Map<String, Object> props) {
        bus.addDetector(detector, props.get(Detector.KINDS), props.get(EventSubscriber.QUEUE_CAPACITY));
    }

    void removeDetector(Detector detector) {
        bus.removeRoute(detector);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addAlertSink(AlertSink sink, Map<String, Object> props) {
        bus.addAlertSink(sink, props.get(AlertSink.QUEUE_CAPACITY));
    }

    void removeAlertSink(AlertSink sink) {
        bus.removeRoute(sink);
    }

    @Override
    public EventPublisher publisher(String sourceId) {
        return bus.publisher(sourceId);
    }

    @Override
    public AlertPublisher alerts() {
        return bus;
    }

    @Override
    public void publish(io.infrasight.api.alert.Alert alert) {
        bus.publish(alert);
    }

    @Override
    public BusStatus status() {
        return bus.status();
    }
}
