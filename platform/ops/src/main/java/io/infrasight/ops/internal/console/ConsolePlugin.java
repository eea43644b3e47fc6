package io.infrasight.ops.internal.console;

import io.infrasight.api.json.JsonWriter;
import io.infrasight.api.status.BusStatus;
import io.infrasight.api.status.StatusSection;
import io.infrasight.api.status.StatusService;
import io.infrasight.ops.internal.framework.FrameworkInspector;
import io.infrasight.ops.internal.framework.FrameworkStatus;
import io.infrasight.ops.internal.http.AlertsServlet;
import io.infrasight.ops.internal.http.EventsServlet;
import io.infrasight.ops.internal.live.EventQuery;
import io.infrasight.ops.internal.live.RecentAlerts;
import io.infrasight.ops.internal.live.RecentEvents;
import io.infrasight.ops.internal.render.StatusHtml;
import io.infrasight.ops.internal.render.StatusJson;
import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "InfraSight" web console page: live charts, probes with enable/disable, a filtered live tail
 * of events and alerts, capability sections (rules, models) and the status tables. The console
 * wraps every URI without a file extension in its page chrome, so the data endpoints the page's
 * script calls have extensions: {@code status.json}, {@code status.fragment}, {@code events.json},
 * {@code alerts.json}, {@code sections.json}, and {@code probe.json} (POST) to switch a probe.
 */
@Component(service = Servlet.class, property = {
    "felix.webconsole.label=" + ConsolePlugin.LABEL,
    "felix.webconsole.title=InfraSight",
    "felix.webconsole.category=InfraSight"})
public final class ConsolePlugin extends HttpServlet {
    static final String LABEL = "infrasight";
    /** Browsers cannot add custom headers to cross-site form posts: this header is our CSRF guard. */
    static final String CSRF_HEADER = "X-InfraSight";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ConsolePlugin.class);

    private final transient StatusService status;
    private final transient FrameworkInspector framework;
    private final transient RecentEvents events;
    private final transient RecentAlerts alerts;
    private final transient ConfigurationAdmin configAdmin;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private final transient List<StatusSection> sections = new CopyOnWriteArrayList<>();

    @Activate
    public ConsolePlugin(@Reference StatusService status, @Reference FrameworkInspector framework,
            @Reference RecentEvents events, @Reference RecentAlerts alerts, @Reference ConfigurationAdmin configAdmin) {
        this.status = status;
        this.framework = framework;
        this.events = events;
        this.alerts = alerts;
        this.configAdmin = configAdmin;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String uri = req.getRequestURI() == null ? "" : req.getRequestURI();
        resp.setHeader("Cache-Control", "no-store");
        try {
            if (uri.endsWith("/status.json")) {
                json(resp, StatusJson.render(status.status(), framework.snapshot()));
            } else if (uri.endsWith("/status.fragment")) {
                resp.setContentType("text/html;charset=UTF-8");
                BusStatus bus = status.status();
                FrameworkStatus fw = framework.snapshot();
                resp.getWriter().write(StatusHtml.tables(bus, fw));
            } else if (uri.endsWith("/events.json")) {
                long after = req.getParameter("after") == null ? 0 : Long.parseLong(req.getParameter("after"));
                json(resp, EventsServlet.render(events, EventQuery.parse(req::getParameterValues), after, 200));
            } else if (uri.endsWith("/alerts.json")) {
                json(resp, AlertsServlet.render(alerts, req));
            } else if (uri.endsWith("/sections.json")) {
                json(resp, Sections.render(List.copyOf(sections)));
            } else {
                resp.setContentType("text/html;charset=UTF-8");
                Page.write(resp.getWriter(), pluginRoot(req), StatusHtml.tables(status.status(), framework.snapshot()));
            }
        } catch (IllegalArgumentException e) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
        }
    }

    /** {@code POST probe.json} with {@code id=probe.exec&enabled=false}: switches a probe through its configuration. */
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String uri = req.getRequestURI() == null ? "" : req.getRequestURI();
        if (!uri.endsWith("/probe.json")) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (req.getHeader(CSRF_HEADER) == null) {
            resp.sendError(HttpServletResponse.SC_FORBIDDEN, "missing " + CSRF_HEADER + " header");
            return;
        }
        String id = req.getParameter("id");
        String enabled = req.getParameter("enabled");
        if (id == null || !id.matches("probe\\.[a-z0-9_-]+") || enabled == null
                || !(enabled.equals("true") || enabled.equals("false"))) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "need id=probe.<name> and enabled=true|false");
            return;
        }
        String pid = "io.infrasight." + id;
        Configuration c = configAdmin.getConfiguration(pid, "?");
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        // As a string, so that Karaf writes back a plain "enabled = false" that operators can read and edit.
        props.put("enabled", enabled);
        c.update(props);
        LOG.info("Probe {} {} from the web console by {}", id, enabled.equals("true") ? "enabled" : "disabled",
                req.getRemoteUser());
        JsonWriter w = new JsonWriter();
        w.beginObject().field("id", id).field("pid", pid).field("enabled", Boolean.parseBoolean(enabled)).endObject();
        json(resp, w.buffer().toString());
    }

    private static void json(HttpServletResponse resp, String body) throws IOException {
        resp.setContentType("application/json;charset=UTF-8");
        resp.getWriter().write(body);
    }

    static String pluginRoot(HttpServletRequest req) {
        Object root = req.getAttribute("felix.webconsole.pluginRoot");
        return root instanceof String s && !s.isEmpty() ? s : LABEL;
    }

    static String escapeAttribute(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("'", "&#39;");
    }
}
