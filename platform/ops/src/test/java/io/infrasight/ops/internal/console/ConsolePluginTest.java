package io.infrasight.ops.internal.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.status.StatusService;
import io.infrasight.ops.internal.Fixtures;
import io.infrasight.ops.internal.framework.FrameworkInspector;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

class ConsolePluginTest {

    private final BundleContext ctx = Fixtures.fake(BundleContext.class,
            (m, a) -> m.equals("getBundles") ? new Bundle[0] : null);
    private final io.infrasight.ops.internal.live.LiveConfig live = Fixtures.fake(
            io.infrasight.ops.internal.live.LiveConfig.class, (m, a) -> 16);
    private final io.infrasight.api.status.ConfigProblems problems = Fixtures.fake(
            io.infrasight.api.status.ConfigProblems.class, (m, a) -> null);
    private final ConsolePlugin plugin = new ConsolePlugin((StatusService) Fixtures::status, new FrameworkInspector(ctx),
            new io.infrasight.ops.internal.live.RecentEvents(live, problems),
            new io.infrasight.ops.internal.live.RecentAlerts(live, problems),
            Fixtures.fake(org.osgi.service.cm.ConfigurationAdmin.class, (m, a) -> null));

    private Map<String, String> get(String uri, StringWriter body) throws Exception {
        Map<String, String> headers = new HashMap<>();
        HttpServletRequest req = Fixtures.fake(HttpServletRequest.class, (m, a) -> switch (m) {
            case "getRequestURI" -> uri;
            case "getMethod" -> "GET";
            case "getAttribute" -> "felix.webconsole.pluginRoot".equals(a[0]) ? "/system/console/infrasight" : null;
            default -> null;
        });
        HttpServletResponse resp = Fixtures.fake(HttpServletResponse.class, (m, a) -> switch (m) {
            case "setContentType" -> headers.put("Content-Type", (String) a[0]);
            case "getWriter" -> new PrintWriter(body, true);
            default -> null;
        });
        plugin.doGet(req, resp);
        return headers;
    }

    @Test
    void pageHasTablesAndAnInlineRefreshOfTheFragment() throws Exception {
        StringWriter body = new StringWriter();
        get("/system/console/infrasight", body);
        String html = body.toString();
        assertTrue(html.contains("data-root=\"/system/console/infrasight\""), html);
        assertTrue(html.contains("/status.fragment") && html.contains("/events.json") && html.contains("/probe.json"),
                html);
        assertTrue(html.contains("<td>jsonl</td>"), html);
        assertTrue(html.contains("setInterval("), html);
        assertFalse(html.contains("src=") || html.contains("http://") || html.contains("https://"), html);
    }

    @Test
    void servesJsonAndFragmentUnderExtensionsTheConsoleDoesNotWrap() throws Exception {
        StringWriter json = new StringWriter();
        assertTrue(get("/system/console/infrasight/status.json", json).get("Content-Type").startsWith("application/json"));
        assertTrue(json.toString().startsWith("{\"time\":"), json.toString());
        StringWriter fragment = new StringWriter();
        get("/system/console/infrasight/status.fragment", fragment);
        assertTrue(fragment.toString().startsWith("<p>Uptime"), fragment.toString());
        assertFalse(fragment.toString().contains("<script>"));
    }
}
