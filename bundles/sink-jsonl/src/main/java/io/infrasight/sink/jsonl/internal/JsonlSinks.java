package io.infrasight.sink.jsonl.internal;

import io.infrasight.api.spi.AlertSink;
import io.infrasight.api.spi.EventSubscriber;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.api.status.ConfigValues;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the alerts writer always and the events writer only when enabled, since an idle
 * events subscriber would still cost a queue and a thread.
 */
@Component(service = {}, configurationPid = JsonlSinkConfig.PID)
@Designate(ocd = JsonlSinkConfig.class)
public final class JsonlSinks {
    private static final Logger LOG = LoggerFactory.getLogger(JsonlSinks.class);

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final List<RotatingFile> files = new ArrayList<>();

    @Activate
    public JsonlSinks(BundleContext context, JsonlSinkConfig config, @Reference ConfigProblems problems) {
        String pid = JsonlSinkConfig.PID;
        List<ConfigProblem> found = new ArrayList<>();
        int sizeMb = ConfigValues.read(pid, "rotate.size.mb", config::rotate_size_mb, v -> v >= 1,
                "must be an integer of at least 1", 100, found);
        int keep = ConfigValues.read(pid, "rotate.keep", config::rotate_keep, v -> v >= 0,
                "must be an integer of at least 0", 5, found);
        boolean eventsOn = ConfigValues.read(pid, "events.enabled", config::events_enabled, v -> true, "", false,
                found);
        problems.report(pid + "#component", found);

        Path dir = directory(config.directory());
        long maxBytes = sizeMb * 1024L * 1024L;
        RotatingFile alerts = new RotatingFile(dir.resolve(config.alerts_file()), maxBytes, keep);
        files.add(alerts);
        registrations.add(context.registerService(AlertSink.class, new JsonlAlertWriter(alerts), null));
        if (eventsOn) {
            RotatingFile events = new RotatingFile(dir.resolve(config.events_file()), maxBytes, keep);
            files.add(events);
            Hashtable<String, Object> props = new Hashtable<>();
            if (config.events_kinds().length > 0) {
                props.put(EventSubscriber.KINDS, config.events_kinds());
            }
            registrations.add(context.registerService(EventSubscriber.class, new JsonlEventWriter(events), props));
        }
        LOG.info("JSON lines sink writing to {} (events {})", dir, eventsOn ? "on" : "off");
    }

    static Path directory(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String data = System.getProperty("karaf.data");
        return Path.of(data != null ? data : "data");
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<?> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and the framework already unregistered it
            }
        }
        for (RotatingFile f : files) {
            try {
                f.close();
            } catch (IOException e) {
                LOG.warn("Closing a JSON lines file failed", e);
            }
        }
    }
}
