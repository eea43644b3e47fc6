package io.infrasight.ops.internal.auth;

import static io.infrasight.ops.internal.Fixtures.basic;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.Principal;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.security.auth.login.FailedLoginException;
import org.junit.jupiter.api.Test;

class BasicAuthenticatorTest {

    /** Same simple name as Karaf's org.apache.karaf.jaas.boot.principal.RolePrincipal. */
    record RolePrincipal(String getName) implements Principal {
    }

    record UserPrincipal(String getName) implements Principal {
    }

    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicLong now = new AtomicLong();
    private final Login login = (user, password) -> {
        logins.incrementAndGet();
        if (!"secret".equals(password)) {
            throw new FailedLoginException("wrong password");
        }
        return "admin".equals(user) ? List.of(new UserPrincipal("admin"), new RolePrincipal("admin"))
                : List.of(new UserPrincipal(user), new RolePrincipal("viewer"), new UserPrincipal("admin"));
    };
    private final BasicAuthenticator auth = new BasicAuthenticator(login, "admin",
            new LoginCache(TimeUnit.SECONDS.toNanos(30), now::get));

    @Test
    void userWithTheRoleIsAllowed() {
        assertEquals(Access.ALLOWED, auth.check(basic("admin:secret")));
    }

    @Test
    void userWithoutTheRoleIsForbiddenEvenIfAPrincipalOfAnotherKindHasTheRoleName() {
        assertEquals(Access.FORBIDDEN, auth.check(basic("bob:secret")));
    }

    @Test
    void wrongPasswordOrNoHeaderIsUnauthenticated() {
        assertEquals(Access.UNAUTHENTICATED, auth.check(basic("admin:wrong")));
        assertEquals(Access.UNAUTHENTICATED, auth.check(null));
        assertEquals(Access.UNAUTHENTICATED, auth.check("Basic %%%"));
    }

    @Test
    void loginModuleBlowingUpIsUnauthenticatedNotAnError() {
        BasicAuthenticator broken = new BasicAuthenticator((u, p) -> {
            throw new SecurityException("no JAAS configuration");
        }, "admin", new LoginCache(0, now::get));
        assertEquals(Access.UNAUTHENTICATED, broken.check(basic("admin:secret")));
    }

    @Test
    void successfulLoginsAreCachedUntilTheyExpire() {
        auth.check(basic("admin:secret"));
        now.addAndGet(TimeUnit.SECONDS.toNanos(29));
        assertEquals(Access.ALLOWED, auth.check(basic("admin:secret")));
        assertEquals(1, logins.get());
        now.addAndGet(TimeUnit.SECONDS.toNanos(2));
        assertEquals(Access.ALLOWED, auth.check(basic("admin:secret")));
        assertEquals(2, logins.get());
    }

    @Test
    void cacheIsKeyedByPasswordToo() {
        auth.check(basic("admin:secret"));
        assertEquals(Access.UNAUTHENTICATED, auth.check(basic("admin:other")));
        assertEquals(2, logins.get());
    }

    @Test
    void failedLoginsAreNotCached() {
        auth.check(basic("admin:wrong"));
        auth.check(basic("admin:wrong"));
        assertEquals(2, logins.get());
    }
}
