package io.infrasight.ops.internal.http;

import io.infrasight.api.status.StatusService;
import io.infrasight.ops.internal.framework.FrameworkInspector;
import io.infrasight.ops.internal.render.StatusJson;
import java.io.IOException;
import java.util.List;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code GET /infrasight/api/status}: the platform status as JSON, behind HTTP Basic. */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=" + StatusServlet.PATH,
    "osgi.http.whiteboard.servlet.name=infrasight-status",
    "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=default)"})
public final class StatusServlet extends HttpServlet {
    public static final String PATH = "/infrasight/api/status";
    private static final long serialVersionUID = 1L;

    private final transient StatusService status;
    private final transient FrameworkInspector framework;
    private final transient HttpGuard guard;

    @org.osgi.service.component.annotations.Reference(
            cardinality = org.osgi.service.component.annotations.ReferenceCardinality.MULTIPLE,
            policy = org.osgi.service.component.annotations.ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
    private final transient List<io.infrasight.api.status.StatusSection> sections =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    @Activate
    public StatusServlet(@Reference StatusService status, @Reference FrameworkInspector framework,
            @Reference HttpGuard guard) {
        this.status = status;
        this.framework = framework;
        this.guard = guard;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!guard.admit(req, resp, false)) {
            return;
        }
        String json = StatusJson.render(status.status(), framework.snapshot());
        // Capability sections (rules, enrichment caches, delivery counters) as one more field.
        String sectionsJson = io.infrasight.ops.internal.console.Sections.render(List.copyOf(sections));
        json = json.substring(0, json.length() - 1) + "," + sectionsJson.substring(1);
        resp.setStatus(HttpServletResponse.SC_OK);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("application/json;charset=UTF-8");
        resp.getWriter().write(json);
    }
}
