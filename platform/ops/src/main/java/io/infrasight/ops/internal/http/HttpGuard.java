package io.infrasight.ops.internal.http;

import io.infrasight.api.status.ConfigProblem;
import io.infrasight.api.status.ConfigProblems;
import io.infrasight.api.status.ConfigValues;
import io.infrasight.ops.internal.OpsConfig;
import io.infrasight.ops.internal.auth.Access;
import io.infrasight.ops.internal.auth.BasicAuthenticator;
import io.infrasight.ops.internal.auth.JaasLogin;
import io.infrasight.ops.internal.auth.LoginCache;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Guards the HTTP endpoints of this bundle with HTTP Basic against the configured Karaf JAAS realm
 * and role. A configuration change re-creates the guard (and so empties the login cache).
 */
@Component(service = HttpGuard.class, configurationPid = OpsConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = OpsConfig.class)
public final class HttpGuard {
    static final String CHALLENGE = "Basic realm=\"InfraSight\"";

    private final BasicAuthenticator authenticator;
    private final boolean metricsAuthRequired;

    @Activate
    public HttpGuard(OpsConfig config, @Reference ConfigProblems problems) {
        List<ConfigProblem> found = new ArrayList<>();
        String realm = ConfigValues.read(OpsConfig.PID, "realm", config::realm, s -> !s.isBlank(),
                "must not be empty", "karaf", found);
        String role = ConfigValues.read(OpsConfig.PID, "role", config::role, s -> !s.isBlank(),
                "must not be empty", "admin", found);
        int cacheSeconds = ConfigValues.read(OpsConfig.PID, "auth.cache.seconds", config::auth_cache_seconds,
                s -> s >= 0 && s <= 3600, "must be an integer from 0 to 3600", 30, found);
        boolean metricsAuth = ConfigValues.read(OpsConfig.PID, "metrics.auth.required",
                config::metrics_auth_required, b -> true, "must be true or false", true, found);
        problems.report(OpsConfig.PID, found);
        this.metricsAuthRequired = metricsAuth;
        this.authenticator = new BasicAuthenticator(new JaasLogin(realm.strip(), HttpGuard.class.getClassLoader()),
                role.strip(), new LoginCache(TimeUnit.SECONDS.toNanos(cacheSeconds), System::nanoTime));
    }

    /** For tests: a guard over any authenticator. */
    public HttpGuard(BasicAuthenticator authenticator, boolean metricsAuthRequired) {
        this.authenticator = authenticator;
        this.metricsAuthRequired = metricsAuthRequired;
    }

    /**
     * Lets the request through, or answers it with 401 (and a Basic challenge) or 403.
     *
     * @param metrics whether this is the metrics endpoint, which may be configured open
     * @return true when the caller should serve the request
     */
    public boolean admit(HttpServletRequest req, HttpServletResponse resp, boolean metrics) throws IOException {
        if (metrics && !metricsAuthRequired) {
            return true;
        }
        Access access = authenticator.check(req.getHeader("Authorization"));
        switch (access) {
            case ALLOWED:
                return true;
            case FORBIDDEN:
                deny(resp, HttpServletResponse.SC_FORBIDDEN, "Forbidden: the required role is missing.");
                return false;
            default:
                resp.setHeader("WWW-Authenticate", CHALLENGE);
                deny(resp, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized.");
                return false;
        }
    }

    private static void deny(HttpServletResponse resp, int status, String message) throws IOException {
        resp.setStatus(status);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("text/plain;charset=UTF-8");
        resp.getWriter().println(message);
    }
}
