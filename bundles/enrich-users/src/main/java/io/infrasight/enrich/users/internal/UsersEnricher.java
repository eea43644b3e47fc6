package io.infrasight.enrich.users.internal;

import io.infrasight.api.enrich.EnrichmentStatus;
import io.infrasight.api.event.Event;
import io.infrasight.api.spi.Enricher;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.api.status.ConfigValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/** Users and groups as an enricher (ranking 400); the files are read on the enricher's own thread. */
@Component(service = {Enricher.class, EnrichmentStatus.class}, configurationPid = UsersEnricherConfig.PID,
        property = {"service.ranking:Integer=400"})
@Designate(ocd = UsersEnricherConfig.class)
public final class UsersEnricher implements Enricher, EnrichmentStatus {
    static final String ID = "users";

    private final UserNames names;
    private final ConfigProblems problems;

    @Activate
    public UsersEnricher(UsersEnricherConfig c, @Reference ConfigProblems problems) {
        this.problems = problems;
        String pid = UsersEnricherConfig.PID;
        List<ConfigProblem> found = new ArrayList<>();
        UserNames.Settings d = UserNames.Settings.defaults();
        String passwd = ConfigValues.read(pid, "passwd.path", c::passwd_path, v -> !v.isBlank(), "must not be empty",
                d.passwd().toString(), found);
        String group = ConfigValues.read(pid, "group.path", c::group_path, v -> !v.isBlank(), "must not be empty",
                d.group().toString(), found);
        int refresh = ConfigValues.read(pid, "refresh.interval.ms", c::refresh_interval_ms, v -> v >= 100,
                "must be at least 100", (int) d.refreshMillis(), found);
        int early = ConfigValues.read(pid, "min.reload.ms", c::min_reload_ms, v -> v >= 10, "must be at least 10",
                (int) d.minReloadMillis(), found);
        problems.report(pid + "#component", found);
        // a missing file is not a configuration error: an agent may start before the host path is mounted;
        // it is counted as failed_read_* and retried every refresh
        names = new UserNames(new UserNames.Settings(Path.of(passwd), Path.of(group), refresh, early));
        names.start();
    }

    @Deactivate
    void deactivate() {
        names.close();
        problems.report(UsersEnricherConfig.PID + "#component", List.of());
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Event enrich(Event event) {
        return names.enrich(event);
    }

    @Override
    public Map<String, Long> counters() {
        return names.counters();
    }
}
