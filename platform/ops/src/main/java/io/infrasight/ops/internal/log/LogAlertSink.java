package io.infrasight.ops.internal.log;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.alert.Severity;
import io.infrasight.api.spi.AlertSink;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts into the log (data/log/karaf.log, and whatever the logging configuration forwards, e.g.
 * syslog): one line per alert, WARN for warning and above, INFO below. Logger name
 * {@code io.infrasight.alerts}, so it can be routed or silenced on its own.
 */
@Component(service = AlertSink.class)
public final class LogAlertSink implements AlertSink {
    private static final Logger LOG = LoggerFactory.getLogger("io.infrasight.alerts");

    @Override
    public String id() {
        return "log-alerts";
    }

    @Override
    public void onAlerts(List<Alert> batch) {
        for (Alert a : batch) {
            String pid = a.event() == null ? "-" : Integer.toString(a.event().header().pid());
            if (a.severity().ordinal() <= Severity.WARNING.ordinal()) {
                LOG.warn("ALERT {} {} pid={} {}", a.severity(), a.ruleId(), pid, a.message());
            } else {
                LOG.info("ALERT {} {} pid={} {}", a.severity(), a.ruleId(), pid, a.message());
            }
        }
    }
}
