package io.infrasight.ops.internal.http;

import io.infrasight.api.event.Event;
import io.infrasight.api.json.EventJson;
import io.infrasight.api.json.JsonWriter;
import io.infrasight.ops.internal.live.EventQuery;
import io.infrasight.ops.internal.live.RecentEvents;
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
 * {@code GET /infrasight/api/events}: recent events as JSON, behind HTTP Basic. Query parameters:
 * {@code kind} (repeatable or comma-separated), {@code comm} (substring), {@code pid}, {@code process} (comm
 * substring or pid), {@code container} (id or name substring), {@code after}
 * (a sequence number from a previous answer's {@code next}, to follow), {@code limit} (default 100, max 1000).
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=" + EventsServlet.PATH,
    "osgi.http.whiteboard.servlet.name=infrasight-events",
    "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=default)"})
public final class EventsServlet extends HttpServlet {
    public static final String PATH = "/infrasight/api/events";
    private static final long serialVersionUID = 1L;
    private static final int MAX_LIMIT = 1000;

    private final transient RecentEvents recent;
    private final transient HttpGuard guard;

    @Activate
    public EventsServlet(@Reference RecentEvents recent, @Reference HttpGuard guard) {
        this.recent = recent;
        this.guard = guard;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!guard.admit(req, resp, false)) {
            return;
        }
        Predicate<Event> filter;
        int limit;
        long after;
        try {
            filter = filter(req);
            limit = Math.min(MAX_LIMIT, intParam(req, "limit", 100));
            after = req.getParameter("after") == null ? 0 : Long.parseLong(req.getParameter("after"));
        } catch (IllegalArgumentException e) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        String json = render(recent, filter, after, limit);
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("application/json;charset=UTF-8");
        resp.getWriter().write(json);
    }

    /** Shared with the console page. */
    public static String render(RecentEvents recent, Predicate<Event> filter, long after, int limit) {
        long next = recent.ring().next();
        List<Event> events = recent.ring().since(after, filter, limit);
        JsonWriter w = new JsonWriter();
        EventJson json = new EventJson();
        w.beginObject().field("next", next).name("events").beginArray();
        for (Event e : events) {
            json.write(w, e);
        }
        w.endArray().endObject();
        return w.buffer().toString();
    }

    static int intParam(HttpServletRequest req, String name, int dflt) {
        String v = req.getParameter(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        int n = Integer.parseInt(v.trim());
        if (n < 0) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
        return n;
    }

    static Predicate<Event> filter(HttpServletRequest req) {
        return EventQuery.parse(req::getParameterValues);
    }
}
