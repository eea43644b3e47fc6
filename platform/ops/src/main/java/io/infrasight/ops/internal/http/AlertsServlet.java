package io.infrasight.ops.internal.http;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.json.AlertJson;
import io.infrasight.api.json.JsonWriter;
import io.infrasight.ops.internal.live.AlertQuery;
import io.infrasight.ops.internal.live.RecentAlerts;
import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /infrasight/api/alerts}: recent alerts as JSON, behind HTTP Basic. Parameters: {@code rule}
 * (substring), {@code severity} (at least), {@code after} (sequence number from {@code next}), {@code limit}.
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=" + AlertsServlet.PATH,
    "osgi.http.whiteboard.servlet.name=infrasight-alerts",
    "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=default)"})
public final class AlertsServlet extends HttpServlet {
    public static final String PATH = "/infrasight/api/alerts";
    private static final long serialVersionUID = 1L;

    private final transient RecentAlerts recent;
    private final transient HttpGuard guard;

    @Activate
    public AlertsServlet(@Reference RecentAlerts recent, @Reference HttpGuard guard) {
        this.recent = recent;
        this.guard = guard;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!guard.admit(req, resp, false)) {
            return;
        }
        String json;
        try {
            json = render(recent, req);
        } catch (IllegalArgumentException e) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("application/json;charset=UTF-8");
        resp.getWriter().write(json);
    }

    /** Shared with the console page. @throws IllegalArgumentException for bad parameters */
    public static String render(RecentAlerts recent, HttpServletRequest req) {
        Predicate<Alert> filter = AlertQuery.parse(req::getParameterValues);
        int limit = Math.min(1000, req.getParameter("limit") == null ? 100 : Integer.parseInt(req.getParameter("limit")));
        long after = req.getParameter("after") == null ? 0 : Long.parseLong(req.getParameter("after"));
        long next = recent.ring().next();
        List<Alert> alerts = recent.ring().since(after, filter, limit);
        JsonWriter w = new JsonWriter();
        AlertJson json = new AlertJson();
        w.beginObject().field("next", next).name("alerts").beginArray();
        for (Alert a : alerts) {
            json.write(w, a);
        }
        w.endArray().endObject();
        return w.buffer().toString();
    }
}
