package io.infrasight.ops.internal.console;

import io.infrasight.api.status.BusStatus;
import io.infrasight.api.status.StatusService;
import io.infrasight.ops.internal.framework.FrameworkInspector;
import io.infrasight.ops.internal.framework.FrameworkStatus;
import io.infrasight.ops.internal.render.StatusHtml;
import io.infrasight.ops.internal.render.StatusJson;
import java.io.IOException;
import java.io.PrintWriter;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The "InfraSight" web console page, a plain servlet that the console wraps with its header, footer
 * and authentication. The console wraps every URI without a file extension (so {@code ?format=json}
 * would come back inside the page chrome); the raw forms therefore have extensions:
 * {@code infrasight/status.json} (the status API's JSON) and {@code infrasight/status.fragment} (the
 * tables, which the page's script fetches every 2 s, so escaping stays server-side in one place).
 */
@Component(service = Servlet.class, property = {
    "felix.webconsole.label=" + ConsolePlugin.LABEL,
    "felix.webconsole.title=InfraSight",
    "felix.webconsole.category=InfraSight"})
public final class ConsolePlugin extends HttpServlet {
    static final String LABEL = "infrasight";
    private static final long serialVersionUID = 1L;

    private final transient StatusService status;
    private final transient FrameworkInspector framework;

    @Activate
    public ConsolePlugin(@Reference StatusService status, @Reference FrameworkInspector framework) {
        this.status = status;
        this.framework = framework;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String uri = req.getRequestURI();
        BusStatus bus = status.status();
        FrameworkStatus fw = framework.snapshot();
        resp.setHeader("Cache-Control", "no-store");
        if (uri != null && uri.endsWith("/status.json")) {
            resp.setContentType("application/json;charset=UTF-8");
            resp.getWriter().write(StatusJson.render(bus, fw));
        } else if (uri != null && uri.endsWith("/status.fragment")) {
            resp.setContentType("text/html;charset=UTF-8");
            resp.getWriter().write(StatusHtml.tables(bus, fw));
        } else {
            resp.setContentType("text/html;charset=UTF-8");
            page(resp.getWriter(), pluginRoot(req), StatusHtml.tables(bus, fw));
        }
    }

    static String pluginRoot(HttpServletRequest req) {
        Object root = req.getAttribute("felix.webconsole.pluginRoot");
        return root instanceof String s && !s.isEmpty() ? s : LABEL;
    }

    static void page(PrintWriter out, String pluginRoot, String tables) {
        out.print("<div id=\"infrasight-status\" data-refresh=\"");
        out.print(escapeAttribute(pluginRoot + "/status.fragment"));
        out.print("\">\n");
        out.print(tables);
        out.print("</div>\n");
        out.print(RefreshScript.SCRIPT);
    }

    static String escapeAttribute(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("'", "&#39;");
    }
}
