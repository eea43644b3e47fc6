package io.infrasight.ops.internal.http;

import io.infrasight.api.delivery.CounterSource;
import io.infrasight.api.status.StatusService;
import io.infrasight.ops.internal.metrics.StatusMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code GET /infrasight/metrics}: Prometheus text format 0.0.4, behind HTTP Basic unless configured open. */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=" + MetricsServlet.PATH,
    "osgi.http.whiteboard.servlet.name=infrasight-metrics",
    "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=default)"})
public final class MetricsServlet extends HttpServlet {
    public static final String PATH = "/infrasight/metrics";
    private static final long serialVersionUID = 1L;

    private final transient StatusService status;
    private final transient HttpGuard guard;
    private final transient StatusMetrics metrics = new StatusMetrics();
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private final transient List<CounterSource> components = new CopyOnWriteArrayList<>();

    @Activate
    public MetricsServlet(@Reference StatusService status, @Reference HttpGuard guard) {
        this.status = status;
        this.guard = guard;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!guard.admit(req, resp, true)) {
            return;
        }
        // Rendered fully before the status line goes out, so a failure becomes a clean 500.
        ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
        Map<String, Map<String, Long>> counters = new TreeMap<>();
        for (CounterSource c : components) {
            try {
                counters.put(c.id(), c.counters());
            } catch (RuntimeException e) {
                counters.put(c.id(), Map.of("counters_unavailable", 1L)); // one bad component must not fail the scrape
            }
        }
        metrics.write(body, status.status(), counters);
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType(StatusMetrics.CONTENT_TYPE);
        resp.setContentLength(body.size());
        body.writeTo(resp.getOutputStream());
    }
}
