package io.infrasight.store.embedded.internal;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.delivery.AckReceiver;
import io.infrasight.api.delivery.CounterSource;
import io.infrasight.api.event.Event;
import io.infrasight.api.query.QueryException;
import io.infrasight.api.query.QueryResult;
import io.infrasight.api.query.QueryService;
import io.infrasight.api.spi.AlertSink;
import io.infrasight.api.spi.EventSubscriber;
import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.api.status.ConfigValues;
import io.infrasight.store.common.BatchingWriter;
import io.infrasight.store.common.Column;
import io.infrasight.store.common.QueryLimits;
import io.infrasight.store.common.StoreIntake;
import io.infrasight.store.common.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events and alerts into DuckDB, in process, under the data folder. The database is opened on the
 * component's maintenance thread (loading the native library can take a moment), rows are appended
 * in batches by a {@link BatchingWriter}, retention runs hourly, and each query gets a connection
 * of its own.
 */
@Component(service = {EventSubscriber.class, AlertSink.class, QueryService.class, CounterSource.class},
        configurationPid = EmbeddedStoreConfig.PID, property = QueryService.STORE + "=embedded")
@Designate(ocd = EmbeddedStoreConfig.class)
public final class EmbeddedStore implements EventSubscriber, AlertSink, QueryService, CounterSource {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedStore.class);
    private static final String PID = EmbeddedStoreConfig.PID;

    private final Path file;
    private final int retentionDays;
    private final QueryLimits queryLimits;
    private final StoreIntake intake;
    private final BatchingWriter writer;
    private final ScheduledExecutorService maintenance;
    private final ConfigProblems problems;
    private volatile DuckDBConnection db;
    private volatile String openError = "opening";

    @Activate
    public EmbeddedStore(EmbeddedStoreConfig config, @Reference ConfigProblems problems) {
        this.problems = problems;
        List<ConfigProblem> found = new ArrayList<>();
        int batch = ConfigValues.read(PID, "batch.size", config::batch_size, v -> v >= 1, "must be at least 1", 10000, found);
        int flushMs = ConfigValues.read(PID, "flush.interval.ms", config::flush_interval_ms, v -> v >= 10,
                "must be at least 10", 1000, found);
        int buffer = ConfigValues.read(PID, "buffer.rows", config::buffer_rows, v -> v >= 1000, "must be at least 1000",
                200000, found);
        retentionDays = ConfigValues.read(PID, "retention.days", config::retention_days, v -> v >= 0,
                "must be 0 (keep all) or more", 7, found);
        int memoryMb = ConfigValues.read(PID, "memory.limit.mb", config::memory_limit_mb, v -> v >= 64,
                "must be at least 64", 256, found);
        int threads = ConfigValues.read(PID, "threads", config::threads, v -> v >= 1, "must be at least 1", 1, found);
        queryLimits = QueryLimits.read(PID, config::query_max_rows, config::query_timeout_s, found);
        String fileName = ConfigValues.read(PID, "file", config::file,
                v -> !v.isBlank() && !v.contains("/") && !v.startsWith(DuckDbSchema.SCHEMA + "."),
                "must be a plain file name not starting with '" + DuckDbSchema.SCHEMA + ".'", "events.duckdb", found);
        problems.report(PID + "#component", found);

        file = directory(config.directory()).resolve(fileName);
        maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "infrasight-store-embedded-maintenance");
            t.setDaemon(true);
            return t;
        });
        maintenance.execute(() -> open(memoryMb, threads));
        maintenance.scheduleWithFixedDelay(this::dropExpired, 1, 60, TimeUnit.MINUTES);
        intake = new StoreIntake(id(), "infrasight-store-embedded-writer",
                new BatchingWriter.Settings(batch, flushMs, buffer, 100, 5000), this::write);
        writer = intake.writer();
        writer.start();
        LOG.info("Embedded store at {} (batch {}, flush {} ms, buffer {} rows, retention {} days)", file, batch, flushMs,
                buffer, retentionDays);
    }

    static Path directory(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String data = System.getProperty("karaf.data");
        return Path.of(data != null ? data : "data").resolve("store");
    }

    private void open(int memoryMb, int threads) {
        try {
            Files.createDirectories(file.getParent());
            // DriverManager does not see drivers in other bundles: use the driver class directly
            DuckDBConnection c = (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:" + file, new Properties());
            try (Statement s = c.createStatement()) {
                s.execute("SET memory_limit = '" + memoryMb + "MB'");
                s.execute("SET threads = " + threads);
                DuckDbSchema.apply(c);
                // queries may read only what is in the database, and may not change these settings
                s.execute("SET enable_external_access = false");
                s.execute("SET lock_configuration = true");
            }
            db = c;
            openError = null;
            LOG.info("Embedded store open: {}", file);
        } catch (SQLException | IOException | RuntimeException e) {
            openError = e.getMessage();
            LOG.error("Cannot open the embedded store at {}: {}", file, e.getMessage());
        }
    }

    /** On the writer thread only. */
    private void write(Table table, List<Object[]> rows) throws Exception {
        DuckDBConnection c = db;
        if (c == null) {
            throw new IOException("the embedded store is not open: " + openError);
        }
        List<Column> cols = table.columns();
        try (DuckDBAppender app = c.createAppender(DuckDbSchema.SCHEMA, table.name())) {
            for (Object[] row : rows) {
                app.beginRow();
                for (int i = 0; i < cols.size(); i++) {
                    Object v = row[i];
                    switch (cols.get(i).type()) {
                        case TIME -> app.appendEpochMicros(Math.floorDiv((Long) v, 1000L));
                        case INT32 -> app.append((int) (Integer) v);
                        case INT64 -> app.append((long) (Long) v);
                        case BOOL -> app.append((byte) (((Boolean) v) ? 1 : 0));
                        case STRING -> app.append((String) v);
                        case STRING_ARRAY -> app.append((List<?>) v);
                        case INT32_ARRAY -> app.append((int[]) v);
                        case INT64_ARRAY -> app.append((long[]) v);
                    }
                }
                app.endRow();
            }
        }
    }

    private void dropExpired() {
        try {
            dropExpiredNow(Instant.now());
        } catch (Exception e) {
            LOG.warn("Retention failed, will retry in an hour: {}", e.getMessage());
        }
    }

    long dropExpiredNow(Instant now) throws SQLException {
        DuckDBConnection c = db;
        if (c == null) {
            return 0;
        }
        try (Connection own = c.duplicate()) {
            long n = DuckDbSchema.dropExpired(own, retentionDays, now);
            if (n > 0) {
                LOG.info("Retention ({} days): deleted {} rows", retentionDays, n);
            }
            return n;
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
        return "store-embedded";
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
        return "embedded";
    }

    @Override
    public QueryResult query(String sql, int maxRows, Duration timeout) {
        int rows = queryLimits.rows(maxRows);
        DuckDBConnection c = db;
        if (c == null) {
            throw new QueryException(QueryException.Reason.UNAVAILABLE, "The embedded store is not open: " + openError);
        }
        try (Connection own = c.duplicate()) {
            return DuckDbQueries.run(own, maintenance, sql, rows, queryLimits.timeout(timeout));
        } catch (SQLException e) {
            throw new QueryException(QueryException.Reason.UNAVAILABLE, "The embedded store is unavailable: " + e.getMessage());
        }
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

    /** True once the database is open (tests wait for it); throws when opening failed. */
    boolean isOpen() {
        String error = openError;
        if (db == null && error != null && !error.equals("opening")) {
            throw new IllegalStateException(error);
        }
        return db != null;
    }

    @Deactivate
    void deactivate() {
        writer.stop(5000);
        maintenance.shutdownNow();
        try {
            maintenance.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        DuckDBConnection c = db;
        db = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.warn("Closing the embedded store failed: {}", e.getMessage());
            }
        }
        problems.report(PID + "#component", List.of());
        LOG.info("Embedded store closed: {}", writer.counters());
    }
}
