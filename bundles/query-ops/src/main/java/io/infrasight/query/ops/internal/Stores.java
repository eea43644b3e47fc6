package io.infrasight.query.ops.internal;

import io.infrasight.api.query.QueryException;
import io.infrasight.api.query.QueryResult;
import io.infrasight.api.query.QueryService;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.api.status.ConfigValues;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/** The query services present, and which one a caller gets: the one named, the configured one, or any. */
@Component(service = Stores.class, configurationPid = QueryOpsConfig.PID)
@Designate(ocd = QueryOpsConfig.class)
public final class Stores {
    private final List<QueryService> services = new CopyOnWriteArrayList<>();
    private final String preferred;
    final String realm;
    final String role;
    final int maxRows;
    final Duration timeout;

    @Activate
    public Stores(QueryOpsConfig config, @Reference ConfigProblems problems) {
        List<ConfigProblem> found = new ArrayList<>();
        preferred = ConfigValues.read(QueryOpsConfig.PID, "store", config::store, v -> true, "", "", found).strip();
        realm = ConfigValues.read(QueryOpsConfig.PID, "realm", config::realm, v -> !v.isBlank(), "must not be empty",
                "karaf", found);
        role = ConfigValues.read(QueryOpsConfig.PID, "role", config::role, v -> !v.isBlank(), "must not be empty",
                "admin", found);
        maxRows = ConfigValues.read(QueryOpsConfig.PID, "max.rows", config::max_rows, v -> v >= 1, "must be at least 1",
                1000, found);
        timeout = Duration.ofSeconds(ConfigValues.read(QueryOpsConfig.PID, "timeout.s", config::timeout_s, v -> v >= 1,
                "must be at least 1", 30, found));
        problems.report(QueryOpsConfig.PID + "#component", found);
    }

    /** For tests. */
    Stores(List<QueryService> services, String preferred, int maxRows, Duration timeout) {
        this.services.addAll(services);
        this.preferred = preferred;
        this.realm = "karaf";
        this.role = "admin";
        this.maxRows = maxRows;
        this.timeout = timeout;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addService(QueryService s) {
        services.add(s);
    }

    void removeService(QueryService s) {
        services.remove(s);
    }

    /** @param store the caller's choice, or null/empty for the configured default */
    QueryService pick(String store) {
        String want = store == null || store.isBlank() ? preferred : store.strip();
        List<QueryService> present = List.copyOf(services);
        if (!want.isEmpty()) {
            for (QueryService s : present) {
                if (s.store().equals(want)) {
                    return s;
                }
            }
            throw new QueryException(QueryException.Reason.UNAVAILABLE, "No store named '" + want + "' is running"
                    + (present.isEmpty() ? "." : "; present: " + names(present) + "."));
        }
        if (present.isEmpty()) {
            throw new QueryException(QueryException.Reason.UNAVAILABLE,
                    "No store is running: install infrasight-store-embedded or infrasight-sink-clickhouse.");
        }
        for (QueryService s : present) {
            if (s.store().equals("clickhouse")) {
                return s;
            }
        }
        return present.get(0);
    }

    QueryResult query(String store, String sql, Integer rows, Duration time) {
        return pick(store).query(sql, rows == null ? maxRows : rows, time == null ? timeout : time);
    }

    private static List<String> names(List<QueryService> l) {
        List<String> n = new ArrayList<>();
        l.forEach(s -> n.add(s.store()));
        return n;
    }
}
