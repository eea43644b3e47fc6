package io.infrasight.sentinel.internal;

import io.infrasight.sentinel.internal.engine.Sentinel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads rule files from directories and reloads them on change, on a thread of its own. The
 * WatchService only wakes us; what changed is decided by comparing (mtime, size) snapshots, which
 * also covers directories created later and events the OS coalesced.
 */
final class RuleFileWatcher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RuleFileWatcher.class);
    /** Rescan at least this often even without a watch event (a directory that appeared later). */
    private static final long RESCAN_MS = 2000;
    /** Let an editor finish writing before we read. */
    private static final long SETTLE_MS = 100;

    record Dir(Path path, String origin, Predicate<String> accept) {
    }

    private record Stamp(long mtime, long size) {
    }

    private final List<Dir> dirs;
    private final Sentinel sentinel;
    private final boolean watch;
    private final Map<Path, Stamp> seen = new HashMap<>();
    private final Map<Path, String> originOf = new HashMap<>();
    private volatile boolean running = true;
    private volatile WatchService ws;
    private Thread thread;

    RuleFileWatcher(List<Dir> dirs, Sentinel sentinel, boolean watch) {
        this.dirs = dirs;
        this.sentinel = sentinel;
        this.watch = watch;
    }

    void start() {
        thread = new Thread(this, "sentinel-rules-watch");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        WatchService w = ws;
        if (w != null) {
            try {
                w.close();
            } catch (IOException ignored) {
                // closing is best effort; the thread checks running anyway
            }
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        try {
            scan();
            if (!watch) {
                return;
            }
            ws = FileSystems.getDefault().newWatchService();
            Set<Path> registered = new HashSet<>();
            while (running) {
                for (Dir d : dirs) {
                    if (!registered.contains(d.path()) && Files.isDirectory(d.path())) {
                        d.path().register(ws, StandardWatchEventKinds.ENTRY_CREATE,
                                StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
                        registered.add(d.path());
                    }
                }
                var key = ws.poll(RESCAN_MS, TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                    Thread.sleep(SETTLE_MS);
                    // drain what piled up while we slept, so one save means one reload
                    for (var k = ws.poll(); k != null; k = ws.poll()) {
                        k.pollEvents();
                        k.reset();
                    }
                }
                scan();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // stopping
        } catch (IOException | RuntimeException e) {
            LOG.error("Rule file watcher stopped; rule files are no longer reloaded", e);
        }
    }

    /** Reads new and changed files, forgets removed ones, and recompiles once if anything changed. */
    synchronized void scan() {
        Map<Path, Stamp> now = new HashMap<>();
        for (Dir d : dirs) {
            if (!Files.isDirectory(d.path())) {
                continue;
            }
            try (Stream<Path> s = Files.list(d.path())) {
                s.filter(p -> d.accept().test(p.getFileName().toString()) && Files.isRegularFile(p)).forEach(p -> {
                    try {
                        now.put(p, new Stamp(Files.getLastModifiedTime(p).to(java.util.concurrent.TimeUnit.NANOSECONDS), Files.size(p)));
                        originOf.put(p, d.origin());
                    } catch (IOException gone) {
                        // removed between list and stat: the next scan sees it gone
                    }
                });
            } catch (IOException e) {
                LOG.warn("Cannot list rule directory {}: {}", d.path(), e.toString());
            }
        }
        boolean changed = false;
        for (Map.Entry<Path, Stamp> e : now.entrySet()) {
            if (!e.getValue().equals(seen.get(e.getKey()))) {
                try {
                    String text = Files.readString(e.getKey(), StandardCharsets.UTF_8);
                    sentinel.putSource(originOf.get(e.getKey()), e.getKey().toString(), text);
                    changed = true;
                } catch (IOException ex) {
                    LOG.warn("Cannot read rule file {}: {}", e.getKey(), ex.toString());
                    continue;
                }
                LOG.info("Rule file {} loaded", e.getKey());
            }
        }
        for (Path p : seen.keySet()) {
            if (!now.containsKey(p)) {
                sentinel.removeSource(originOf.get(p), p.toString());
                LOG.info("Rule file {} removed", p);
                changed = true;
            }
        }
        seen.clear();
        seen.putAll(now);
        if (changed) {
            sentinel.recompile();
        }
    }
}
