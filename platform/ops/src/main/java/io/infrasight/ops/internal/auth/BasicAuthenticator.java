package io.infrasight.ops.internal.auth;

import java.security.Principal;
import java.util.Collection;
import java.util.Optional;
import javax.security.auth.login.LoginException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Decides {@link Access} for an {@code Authorization} header: Basic credentials plus a required role. */
public final class BasicAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(BasicAuthenticator.class);

    private final Login login;
    private final String role;
    private final LoginCache cache;

    public BasicAuthenticator(Login login, String role, LoginCache cache) {
        this.login = login;
        this.role = role;
        this.cache = cache;
    }

    public Access check(String authorizationHeader) {
        Optional<BasicCredentials> parsed = BasicCredentials.parse(authorizationHeader);
        if (parsed.isEmpty()) {
            return Access.UNAUTHENTICATED;
        }
        BasicCredentials c = parsed.get();
        Access cached = cache.get(c);
        if (cached != null) {
            return cached;
        }
        Collection<Principal> principals;
        try {
            principals = login.login(c.user(), c.password());
        } catch (LoginException e) {
            LOG.debug("Login failed for user '{}': {}", c.user(), e.getMessage());
            return Access.UNAUTHENTICATED;
        } catch (RuntimeException e) {
            LOG.warn("Login for user '{}' could not be checked: {}", c.user(), e.toString());
            return Access.UNAUTHENTICATED;
        }
        Access access = hasRole(principals, role) ? Access.ALLOWED : Access.FORBIDDEN;
        cache.put(c, access);
        return access;
    }

    /**
     * Karaf's roles are {@code org.apache.karaf.jaas.boot.principal.RolePrincipal}; matched by simple
     * class name so that this bundle does not import Karaf's JAAS packages.
     */
    static boolean hasRole(Collection<Principal> principals, String role) {
        for (Principal p : principals) {
            if ("RolePrincipal".equals(p.getClass().getSimpleName()) && role.equals(p.getName())) {
                return true;
            }
        }
        return false;
    }
}
