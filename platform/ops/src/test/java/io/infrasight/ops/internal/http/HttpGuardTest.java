package io.infrasight.ops.internal.http;

import static io.infrasight.ops.internal.Fixtures.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.api.status.StatusService;
import io.infrasight.ops.internal.Fixtures;
import io.infrasight.ops.internal.auth.BasicAuthenticator;
import io.infrasight.ops.internal.auth.LoginCache;
import io.infrasight.ops.internal.framework.FrameworkInspector;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.login.FailedLoginException;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

class HttpGuardTest {

    record RolePrincipal(String getName) implements Principal {
    }

    /** What a servlet wrote back. */
    static final class Response {
        int status = 200;
        final Map<String, String> headers = new HashMap<>();
        final StringWriter text = new StringWriter();
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        HttpServletResponse fake() {
            return Fixtures.fake(HttpServletResponse.class, (m, a) -> switch (m) {
                case "setStatus" -> {
                    status = (Integer) a[0];
                    yield null;
                }
                case "sendError" -> throw new AssertionError("sendError would show the container's error page");
                case "setHeader" -> headers.put((String) a[0], (String) a[1]);
                case "setContentType" -> headers.put("Content-Type", (String) a[0]);
                case "getWriter" -> new PrintWriter(text, true);
                case "getOutputStream" -> new ServletOutputStream() {
                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener l) {
                    }

                    @Override
                    public void write(int b) {
                        bytes.write(b);
                    }
                };
                default -> null;
            });
        }
    }

    static HttpServletRequest request(String authorization) {
        return Fixtures.fake(HttpServletRequest.class, (m, a) -> switch (m) {
            case "getHeader" -> "Authorization".equalsIgnoreCase((String) a[0]) ? authorization : null;
            case "getMethod" -> "GET";
            case "getRequestURI" -> "/infrasight/api/status";
            default -> null;
        });
    }

    static HttpGuard guard(boolean metricsAuth) {
        return new HttpGuard(new BasicAuthenticator((u, p) -> {
            if (!"secret".equals(p)) {
                throw new FailedLoginException();
            }
            return List.of(new RolePrincipal(u.equals("admin") ? "admin" : "viewer"));
        }, "admin", new LoginCache(0, System::nanoTime)), metricsAuth);
    }

    private static StatusServlet statusServlet() {
        BundleContext ctx = Fixtures.fake(BundleContext.class, (m, a) -> m.equals("getBundles") ? new Bundle[0] : null);
        StatusService status = Fixtures::status;
        return new StatusServlet(status, new FrameworkInspector(ctx), guard(true));
    }

    @Test
    void malformedHeaderIsA401WithChallengeNotA500() throws Exception {
        for (String header : new String[] {null, "Basic", "Basic ***", "Negotiate abc", basic("nocolon")}) {
            Response r = new Response();
            statusServlet().doGet(request(header), r.fake());
            assertEquals(401, r.status, String.valueOf(header));
            assertEquals("Basic realm=\"InfraSight\"", r.headers.get("WWW-Authenticate"));
        }
    }

    @Test
    void wrongPasswordIs401() throws Exception {
        Response r = new Response();
        statusServlet().doGet(request(basic("admin:nope")), r.fake());
        assertEquals(401, r.status);
    }

    @Test
    void authenticatedWithoutRoleIs403WithoutChallenge() throws Exception {
        Response r = new Response();
        statusServlet().doGet(request(basic("bob:secret")), r.fake());
        assertEquals(403, r.status);
        assertNull(r.headers.get("WWW-Authenticate"));
    }

    @Test
    void authorisedGetsTheJson() throws Exception {
        Response r = new Response();
        statusServlet().doGet(request(basic("admin:secret")), r.fake());
        assertEquals(200, r.status);
        assertEquals("application/json;charset=UTF-8", r.headers.get("Content-Type"));
        assertTrue(r.text.toString().contains("\"subscribers\":[{\"id\":\"jsonl\""), r.text.toString());
        assertTrue(r.text.toString().contains("\"features_available\":false"), r.text.toString());
    }

    @Test
    void metricsCanBeOpenedByConfigurationButStatusCannot() throws Exception {
        HttpGuard open = guard(false);
        assertTrue(open.admit(request(null), new Response().fake(), true));
        assertFalse(open.admit(request(null), new Response().fake(), false));
        assertFalse(guard(true).admit(request(null), new Response().fake(), true));
    }

    @Test
    void metricsServletServesTextFormat() throws Exception {
        StatusService status = Fixtures::status;
        MetricsServlet servlet = new MetricsServlet(status, guard(true));
        Response r = new Response();
        servlet.doGet(request(basic("admin:secret")), r.fake());
        assertEquals(200, r.status);
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers.get("Content-Type"));
        assertTrue(r.bytes.toString().contains("infrasight_subscriber_queue_depth{subscriber=\"jsonl\"} 3.0"));
        Response denied = new Response();
        servlet.doGet(request("Basic ???"), denied.fake());
        assertEquals(401, denied.status);
    }
}
