package io.infrasight.enrich.users.internal;

import io.infrasight.api.enrich.ContextMemo;
import io.infrasight.api.event.ContextKeys;
import io.infrasight.api.event.Event;
import io.infrasight.api.event.EventHeader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * uid/euid/gid to names, without OSGi. The files are read on the enricher's own thread: at start,
 * whenever their size, mtime or inode changes (checked every refresh interval), and early, at most
 * every {@code minReloadMillis}, when an event carries an id we do not know (a user just created).
 * The publishing threads only read an immutable snapshot.
 */
public final class UserNames implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UserNames.class);
    private static final int VALUES_CACHE_MAX = 4096;

    public record Settings(Path passwd, Path group, long refreshMillis, long minReloadMillis) {
        public static Settings defaults() {
            return new Settings(Path.of("/etc/passwd"), Path.of("/etc/group"), 2000, 250);
        }
    }

    private final Settings settings;
    private final ContextMemo memo = new ContextMemo(4096);
    private volatile UserDb db = UserDb.EMPTY;
    /** (uid, euid, gid) to the context values, per snapshot; cleared with each reload and when full. */
    private volatile ConcurrentHashMap<Triple, Map<String, Object>> values = new ConcurrentHashMap<>();
    private final Object wake = new Object();
    private volatile boolean unknownSeen;
    private Object passwdStamp;
    private Object groupStamp;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder unknownIds = new LongAdder();
    private final LongAdder reloads = new LongAdder();
    private final LongAdder failedPasswd = new LongAdder();
    private final LongAdder failedGroup = new LongAdder();
    private volatile Thread thread;
    private volatile boolean running;

    private record Triple(int uid, int euid, int gid) {
    }

    public UserNames(Settings settings) {
        this.settings = settings;
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        Thread t = new Thread(this::loop, "infrasight-enrich-users-refresh");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        long lastForced = 0;
        while (running) {
            try {
                boolean early = unknownSeen;
                unknownSeen = false;
                if (early) {
                    long wait = settings.minReloadMillis() - (System.nanoTime() - lastForced) / 1_000_000L;
                    if (wait > 0) {
                        Thread.sleep(wait); // an unknown id storm still reloads at most every minReloadMillis
                    }
                    lastForced = System.nanoTime();
                }
                refreshIfChanged(early);
                synchronized (wake) {
                    if (!unknownSeen) {
                        wake.wait(settings.refreshMillis());
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Reloading users and groups failed; keeping the last snapshot", e);
            }
        }
    }

    /** Reloads when a file changed (or {@code force}); returns whether it reloaded. */
    public boolean refreshIfChanged(boolean force) {
        Object ps = stamp(settings.passwd());
        Object gs = stamp(settings.group());
        if (!force && Objects.equals(ps, passwdStamp) && Objects.equals(gs, groupStamp) && db != UserDb.EMPTY) {
            return false;
        }
        List<String> p = null;
        List<String> g = null;
        try {
            p = UserDb.readLines(settings.passwd());
        } catch (IOException e) {
            failedPasswd.increment();
        }
        try {
            g = UserDb.readLines(settings.group());
        } catch (IOException e) {
            failedGroup.increment();
        }
        UserDb next = UserDb.parse(p, g);
        boolean changed = !next.users.equals(db.users) || !next.groups.equals(db.groups);
        passwdStamp = ps;
        groupStamp = gs;
        if (changed || db == UserDb.EMPTY) {
            db = next;
            values = new ConcurrentHashMap<>();
            reloads.increment();
            LOG.debug("Loaded {} users and {} groups", next.users.size(), next.groups.size());
        }
        return true;
    }

    private static Object stamp(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            return List.of(a.size(), a.lastModifiedTime().toMillis(), String.valueOf(a.fileKey()));
        } catch (IOException e) {
            return null;
        }
    }

    public Event enrich(Event event) {
        EventHeader h = event.header();
        ConcurrentHashMap<Triple, Map<String, Object>> cache = values;
        Triple key = new Triple(h.uid(), h.euid(), h.gid());
        Map<String, Object> v = cache.get(key);
        if (v != null) {
            hits.increment();
        } else {
            misses.increment();
            v = build(key);
            if (cache.size() >= VALUES_CACHE_MAX) {
                cache.clear(); // id combinations are few; clearing is simpler than LRU and stays bounded
            }
            cache.put(key, v);
        }
        return v.isEmpty() ? event : event.withContext(memo.with(h.context(), v));
    }

    private Map<String, Object> build(Triple t) {
        UserDb d = db;
        LinkedHashMap<String, Object> m = new LinkedHashMap<>(4);
        put(m, ContextKeys.USER_NAME, d.users.get(t.uid()));
        put(m, ContextKeys.USER_EUID_NAME, d.users.get(t.euid()));
        put(m, ContextKeys.GROUP_NAME, d.groups.get(t.gid()));
        if (m.size() < 3) {
            unknownIds.increment();
            unknownSeen = true; // ask the refresh thread for an early look: maybe the user was just added
            synchronized (wake) {
                wake.notifyAll();
            }
        }
        return Collections.unmodifiableMap(m);
    }

    private static void put(Map<String, Object> m, String key, String name) {
        if (name != null) {
            m.put(key, name);
        }
    }

    public Map<String, Long> counters() {
        LinkedHashMap<String, Long> c = new LinkedHashMap<>();
        UserDb d = db;
        c.put("users_size", (long) d.users.size());
        c.put("groups_size", (long) d.groups.size());
        c.put("id_cache_size", (long) values.size());
        c.put("id_cache_capacity", (long) VALUES_CACHE_MAX);
        c.put("hits", hits.sum());
        c.put("misses", misses.sum());
        c.put("unknown_ids", unknownIds.sum());
        c.put("reloads", reloads.sum());
        c.put("failed_read_passwd", failedPasswd.sum());
        c.put("failed_read_group", failedGroup.sum());
        c.put("failed_parse_lines", (long) d.badLines);
        return c;
    }
}
