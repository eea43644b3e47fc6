package io.infrasight.ops.internal.auth;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * Logs in against a JAAS realm. Karaf installs its JAAS configuration globally, and its proxy login
 * module lives in boot-delegated packages, so any bundle can use a realm as long as the thread context
 * class loader can see them: the login runs with this bundle's loader as context loader.
 */
public final class JaasLogin implements Login {
    private final String realm;
    private final ClassLoader loader;

    public JaasLogin(String realm, ClassLoader loader) {
        this.realm = realm;
        this.loader = loader;
    }

    @Override
    public Collection<Principal> login(String user, String password) throws LoginException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            LoginContext context = new LoginContext(realm, callbacks -> answer(callbacks, user, password));
            context.login();
            List<Principal> principals = new ArrayList<>(context.getSubject().getPrincipals());
            try {
                context.logout();
            } catch (LoginException ignored) {
                // the principals are copied; a failing logout changes nothing for us
            }
            return principals;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void answer(Callback[] callbacks, String user, String password)
            throws UnsupportedCallbackException {
        for (Callback c : callbacks) {
            if (c instanceof NameCallback n) {
                n.setName(user);
            } else if (c instanceof PasswordCallback p) {
                p.setPassword(password.toCharArray());
            } else {
                throw new UnsupportedCallbackException(c);
            }
        }
    }
}
