package io.infrasight.sink.clickhouse.internal;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.delivery.AckReceiver;
import io.infrasight.api.delivery.CounterSource;
import io.infrasight.api.event.Event;
import io.infrasight.api.query.QueryResult;
import io.infrasight.api.query.QueryService;
import io.infrasight.api.spi.AlertSink;
import io.infrasight.api.spi.EventSubscriber;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.api.status.ConfigValues;
import io.infrasight.store.common.BatchingWriter;
import io.infrasight.store.common.QueryLimits;
import io.infrasight.store.common.StoreIntake;
import io.infrasight.store.common.Table;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events and alerts into ClickHouse. The bus calls {@link #onEvents} and {@link #onAlerts} on its
 * workers; rows go to a {@link BatchingWriter} whose thread connects, creates or migrates the
 * schema (again after any failure, so a server that was wiped or replaced is handled), and inserts
 * RowBinary batches. Needs a configuration: without a server there is nothing to do.
 */
@Component(service = {EventSubscriber.class, AlertSink.class, QueryService.class, CounterSource.class},
        configurationPid = ClickHouseSinkConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = QueryService.STORE + "=clickhouse")
@Designate(ocd = ClickHouseSinkConfig.class)
public final class ClickHouseSink implements EventSubscriber, AlertSink, QueryService, CounterSource {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSink.class);
    private static final String PID = ClickHouseSinkConfig.PID;

    private final ClickHouseHttp http;
    private final Schema schema;
    private final ClickHouseQueries queries;
    private final StoreIntake intake;
    private final BatchingWriter writer;
    private final ScheduledExecutorService retention;
    private final int retentionDays;
    private final String database;
    private final QueryLimits queryLimits;
    private final ConfigProblems problems;
    private volatile ServerVersion version;
    private RowBinary encoder;

    @Activate
    public ClickHouseSink(ClickHouseSinkConfig config, @Reference ConfigProblems problems) {
        this.problems = problems;
        List<ConfigProblem> found = new ArrayList<>();
        int batch = ConfigValues.read(PID, "batch.size", config::batch_size, v -> v >= 1, "must be at least 1", 20000, found);
        int flushMs = ConfigValues.read(PID, "flush.interval.ms", config::flush_interval_ms, v -> v >= 10,
                "must be at least 10", 1000, found);
        int buffer = ConfigValues.read(PID, "buffer.rows", config::buffer_rows, v -> v >= 1000, "must be at least 1000",
                1000000, found);
        int backoffMax = ConfigValues.read(PID, "retry.backoff.max.ms", config::retry_backoff_max_ms, v -> v >= 100,
                "must be at least 100", 30000, found);
        retentionDays = ConfigValues.read(PID, "retention.days", config::retention_days, v -> v >= 0,
                "must be 0 (keep all) or more", 30, found);
        queryLimits = QueryLimits.read(PID, config::query_max_rows, config::query_timeout_s, found);
        int requestS = ConfigValues.read(PID, "request.timeout.s", config::request_timeout_s, v -> v >= 1,
                "must be at least 1", 30, found);
        String url = ConfigValues.read(PID, "url", config::url, v -> v.startsWith("http://") || v.startsWith("https://"),
                "must be an http:// or https:// URL", "http://127.0.0.1:8123", found);
        database = ConfigValues.read(PID, "database", config::database, v -> v.matches("[A-Za-z_][A-Za-z0-9_]*"),
                "must be a plain identifier", "infrasight", found);
        String password = password(config, found);
        problems.report(PID + "#component", found);

        http = new ClickHouseHttp(url, config.user(), password, requestS * 1000);
        schema = new Schema(http, database);
        queries = new ClickHouseQueries(http, database);
        intake = new StoreIntake(id(), "infrasight-clickhouse-writer",
                new BatchingWriter.Settings(batch, flushMs, buffer, 100, backoffMax), this::write);
        writer = intake.writer();
        writer.start();
        retention = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "infrasight-clickhouse-retention");
            t.setDaemon(true);
            return t;
        });
        retention.scheduleWithFixedDelay(this::dropExpired, 1, 60, TimeUnit.MINUTES);
        // the user is fine to log; the password never is
        LOG.info("ClickHouse sink for {} as {} (database {}, batch {}, flush {} ms, buffer {} rows, retention {} days)",
                url, config.user(), database, batch, flushMs, buffer, retentionDays);
    }

    private static String password(ClickHouseSinkConfig config, List<ConfigProblem> found) {
        String p = config.password();
        if (p != null && !p.isEmpty()) {
            return p;
        }
        String file = config.password_file();
        if (file == null || file.isBlank()) {
            return "";
        }
        try {
            String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            return (nl >= 0 ? text.substring(0, nl) : text).strip();
        } catch (IOException e) {
            found.add(new ConfigProblem(PID, "password.file", file, "cannot be read (" + e.getClass().getSimpleName()
                    + "); using no password"));
            return "";
        }
    }

    /** On the writer thread only. */
    private void write(Table table, List<Object[]> rows) throws Exception {
        if (version == null) {
            version = schema.apply(retentionDays);
            encoder = new RowBinary(version.modern());
        }
        encoder.encode(table, rows);
        try {
            http.insert("INSERT INTO " + new Ddl(version, database).name(table) + " (" + table.columnList()
                    + ") FORMAT RowBinary", encoder.buffer(), encoder.length());
        } catch (ClickHouseException e) {
            if (e.code() == ClickHouseException.UNKNOWN_TABLE || e.code() == ClickHouseException.UNKNOWN_DATABASE
                    || e.code() == 16) {
                version = null; // someone dropped or changed the schema: re-apply it before the retry
            }
            if (e.isBadData() && e.code() != 16) {
                throw new BatchingWriter.Rejected(e.getMessage());
            }
            throw e;
        } catch (IOException e) {
            version = null; // the server may come back as another version, or wiped
            throw e;
        }
    }

    private void dropExpired() {
        try {
            if (version != null) {
                schema.dropExpired(retentionDays, Instant.now());
            }
        } catch (Exception e) {
            LOG.warn("Retention check failed, will retry in an hour: {}", e.getMessage());
        }
    }

    /** Replaying sources (the Kafka source) commit only what a store has acknowledged. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addAckReceiver(AckReceiver r) {
        intake.addAckReceiver(r);
    }

    void removeAckReceiver(AckReceiver r) {
        intake.removeAckReceiver(r);
    }

    @Override
    public String id() {
        return "sink-clickhouse";
    }

    @Override
    public void onEvents(List<Event> batch) {
        intake.onEvents(batch);
    }

    @Override
    public void onAlerts(List<Alert> batch) {
        intake.onAlerts(batch);
    }

    @Override
    public String store() {
        return "clickhouse";
    }

    @Override
    public QueryResult query(String sql, int maxRows, Duration timeout) {
        return queries.query(sql, queryLimits.rows(maxRows), queryLimits.timeout(timeout));
    }

    @Override
    public QueryResult query(String sql) {
        return query(sql, queryLimits.maxRows(), queryLimits.timeout());
    }

    /** Counters of the writer (received, stored, retries, dropped_* by reason), for status and metrics. */
    @Override
    public Map<String, Long> counters() {
        return intake.counters();
    }

    /** Runs retention now; for tests and operators. */
    List<String> dropExpiredNow(Instant now) throws Exception {
        return schema.dropExpired(retentionDays, now);
    }

    @Deactivate
    void deactivate() {
        retention.shutdownNow();
        writer.stop(5000);
        problems.report(PID + "#component", List.of());
        LOG.info("ClickHouse sink stopped: {}", writer.counters());
    }
}
