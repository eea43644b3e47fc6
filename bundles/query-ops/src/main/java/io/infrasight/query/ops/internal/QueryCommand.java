package io.infrasight.query.ops.internal;

import io.infrasight.api.query.QueryException;
import io.infrasight.api.query.QueryResult;
import java.time.Duration;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "infrasight", name = "query",
        description = "Runs a read-only SQL query (SELECT, WITH, SHOW, DESCRIBE) on the event store.")
@Service
public class QueryCommand implements Action {

    @Reference
    private Stores stores;

    @Argument(index = 0, name = "sql", required = true, description = "The query, in quotes")
    private String sql;

    @Option(name = "-s", aliases = "--store", description = "clickhouse or embedded (default: the configured store)")
    private String store;

    @Option(name = "-n", aliases = "--limit", description = "Row limit; a longer result is refused")
    private Integer limit;

    @Option(name = "-t", aliases = "--timeout", description = "Timeout in seconds")
    private Integer timeout;

    @Option(name = "-j", aliases = "--json", description = "Print the result as JSON")
    private boolean json;

    @Override
    public Object execute() {
        try {
            QueryResult r = stores.query(store, sql, limit, timeout == null ? null : Duration.ofSeconds(timeout));
            System.out.print(json ? ResultText.json(r) + "\n" : ResultText.table(r));
        } catch (QueryException e) {
            // a clear message, not a stack trace: refusals are expected answers. On stdout, because
            // the remote client (bin/client -b) does not show a session's stderr.
            System.out.println("Error (" + e.reason().name().toLowerCase(java.util.Locale.ROOT) + "): " + e.getMessage());
        }
        return null;
    }
}
