package io.infrasight.ops.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Remembers the outcome of successful logins for a short time, keyed by a SHA-256 of user and
 * password, so that a scraper every few seconds does not run a JAAS login each time. Passwords are
 * never stored. Failed logins are not cached.
 */
public final class LoginCache {
    private static final int MAX_ENTRIES = 1024;

    private record Entry(long expiresAt, Access access) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final LongSupplier clock;

    public LoginCache(long ttlNanos, LongSupplier clock) {
        this.ttlNanos = ttlNanos;
        this.clock = clock;
    }

    public Access get(BasicCredentials c) {
        if (ttlNanos <= 0) {
            return null;
        }
        String key = key(c);
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (clock.getAsLong() - e.expiresAt() >= 0) {
            entries.remove(key, e);
            return null;
        }
        return e.access();
    }

    public void put(BasicCredentials c, Access access) {
        if (ttlNanos <= 0) {
            return;
        }
        long now = clock.getAsLong();
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> now - e.expiresAt() >= 0);
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(key(c), new Entry(now + ttlNanos, access));
    }

    static String key(BasicCredentials c) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(c.user().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) ':');
            sha.update(c.password().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
