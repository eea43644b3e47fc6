package io.infrasight.ops.internal.auth;

import java.security.Principal;
import java.util.Collection;
import javax.security.auth.login.LoginException;

/** Checks a user and password and returns the user's principals. */
@FunctionalInterface
public interface Login {
    Collection<Principal> login(String user, String password) throws LoginException;
}
