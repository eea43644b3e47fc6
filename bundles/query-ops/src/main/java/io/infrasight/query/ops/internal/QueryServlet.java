package io.infrasight.query.ops.internal;

import io.infrasight.api.query.QueryException;
import io.infrasight.api.query.QueryResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /infrasight/api/query}: read-only SQL over the store, behind HTTP Basic (JAAS realm and
 * role from {@code io.infrasight.query}). GET with {@code ?sql=}, or POST with the SQL as the body;
 * optional {@code limit}, {@code timeout} (seconds) and {@code store}. Answers JSON: the result, or
 * {@code {"error":..,"reason":..}} with 400 (refused or failed), 413 (row limit), 504 (timeout) or
 * 503 (no store).
 */
@Component(service = Servlet.class, property = {
    "osgi.http.whiteboard.servlet.pattern=" + QueryServlet.PATH,
    "osgi.http.whiteboard.servlet.name=infrasight-query",
    "osgi.http.whiteboard.context.select=(osgi.http.whiteboard.context.name=default)"})
public final class QueryServlet extends HttpServlet {
    public static final String PATH = "/infrasight/api/query";
    private static final long serialVersionUID = 1L;

    private final transient Stores stores;
    private final transient BasicAuth auth;

    @Activate
    public QueryServlet(@Reference Stores stores) {
        this.stores = stores;
        this.auth = new BasicAuth(stores.realm, stores.role);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp, req.getParameter("sql"));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String sql = req.getParameter("sql");
        if (sql == null) {
            sql = new String(req.getInputStream().readNBytes(1 << 20), StandardCharsets.UTF_8);
        }
        serve(req, resp, sql);
    }

    private void serve(HttpServletRequest req, HttpServletResponse resp, String sql) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        switch (auth.check(req.getHeader("Authorization"))) {
            case UNAUTHENTICATED -> {
                resp.setHeader("WWW-Authenticate", "Basic realm=\"InfraSight\"");
                send(resp, 401, ResultText.error("unauthenticated", "Unauthorized."));
                return;
            }
            case FORBIDDEN -> {
                send(resp, 403, ResultText.error("forbidden", "Forbidden: the required role is missing."));
                return;
            }
            default -> {
                // allowed
            }
        }
        Integer limit;
        Duration timeout;
        try {
            limit = intParam(req, "limit");
            Integer t = intParam(req, "timeout");
            timeout = t == null ? null : Duration.ofSeconds(t);
        } catch (NumberFormatException e) {
            send(resp, 400, ResultText.error("bad_request", "limit and timeout must be whole numbers."));
            return;
        }
        try {
            QueryResult r = stores.query(req.getParameter("store"), sql == null ? "" : sql, limit, timeout);
            send(resp, 200, ResultText.json(r));
        } catch (QueryException e) {
            int status = switch (e.reason()) {
                case ROW_LIMIT -> 413;
                case TIMEOUT -> 504;
                case UNAVAILABLE -> 503;
                default -> 400;
            };
            send(resp, status, ResultText.error(e.reason().name().toLowerCase(java.util.Locale.ROOT), e.getMessage()));
        }
    }

    private static Integer intParam(HttpServletRequest req, String name) {
        String v = req.getParameter(name);
        return v == null || v.isBlank() ? null : Integer.valueOf(v.strip());
    }

    private static void send(HttpServletResponse resp, int status, String json) throws IOException {
        resp.setStatus(status);
        resp.setContentType("application/json;charset=UTF-8");
        resp.getWriter().write(json);
    }
}
