package io.infrasight.query.ops.internal;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * HTTP Basic against a Karaf JAAS realm, as platform/ops does it (a copy, since ops keeps its
 * classes internal): login with this bundle's class loader as context loader so that Karaf's proxy
 * login module is found, then look for the role among the RolePrincipals, matched by simple class
 * name so that we need not import Karaf's JAAS packages.
 */
final class BasicAuth {
    enum Result { ALLOWED, FORBIDDEN, UNAUTHENTICATED }

    private final String realm;
    private final String role;

    BasicAuth(String realm, String role) {
        this.realm = realm;
        this.role = role;
    }

    Result check(String header) {
        String[] userPassword = parse(header);
        if (userPassword == null) {
            return Result.UNAUTHENTICATED;
        }
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(BasicAuth.class.getClassLoader());
        try {
            LoginContext context = new LoginContext(realm, callbacks -> {
                for (var c : callbacks) {
                    if (c instanceof NameCallback n) {
                        n.setName(userPassword[0]);
                    } else if (c instanceof PasswordCallback p) {
                        p.setPassword(userPassword[1].toCharArray());
                    } else {
                        throw new UnsupportedCallbackException(c);
                    }
                }
            });
            context.login();
            boolean hasRole = false;
            for (Principal p : context.getSubject().getPrincipals()) {
                hasRole |= "RolePrincipal".equals(p.getClass().getSimpleName()) && role.equals(p.getName());
            }
            try {
                context.logout();
            } catch (LoginException ignored) {
                // nothing of the subject is kept
            }
            return hasRole ? Result.ALLOWED : Result.FORBIDDEN;
        } catch (LoginException | RuntimeException e) {
            return Result.UNAUTHENTICATED;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** {user, password}, or null for a missing or malformed header. */
    static String[] parse(String header) {
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon <= 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }
}
