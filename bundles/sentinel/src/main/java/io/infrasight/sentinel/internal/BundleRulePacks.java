package io.infrasight.sentinel.internal;

import io.infrasight.sentinel.internal.engine.Sentinel;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.util.tracker.BundleTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extender for rule packs shipped as bundles: a bundle with the manifest header
 * {@code InfraSight-Rules: rules/*.yaml} (comma-separated path globs) contributes those entries
 * while it is active. A pack bundle needs no code, and updating it swaps its rules.
 */
final class BundleRulePacks extends BundleTracker<List<String>> {
    static final String HEADER = "InfraSight-Rules";
    private static final Logger LOG = LoggerFactory.getLogger(BundleRulePacks.class);

    private final Sentinel sentinel;

    BundleRulePacks(BundleContext context, Sentinel sentinel) {
        super(context, Bundle.STARTING | Bundle.ACTIVE, null);
        this.sentinel = sentinel;
    }

    @Override
    public List<String> addingBundle(Bundle bundle, BundleEvent event) {
        String header = bundle.getHeaders("").get(HEADER);
        if (header == null || header.isBlank()) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (String spec : header.split(",")) {
            String s = spec.strip();
            int slash = s.lastIndexOf('/');
            String dir = slash < 0 ? "/" : s.substring(0, slash);
            String pattern = slash < 0 ? s : s.substring(slash + 1);
            Enumeration<URL> entries = bundle.findEntries(dir, pattern, false);
            List<URL> sorted = entries == null ? List.of() : Collections.list(entries);
            sorted = new ArrayList<>(sorted);
            sorted.sort((a, b) -> a.getPath().compareTo(b.getPath()));
            for (URL u : sorted) {
                String name = bundle.getSymbolicName() + "/" + bundle.getVersion() + "!" + u.getPath();
                try (InputStream in = u.openStream()) {
                    sentinel.putSource("bundle", name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    names.add(name);
                } catch (IOException e) {
                    LOG.error("Cannot read rule pack entry {}: {}", name, e.toString());
                }
            }
        }
        if (names.isEmpty()) {
            LOG.warn("Bundle {} declares {}: {} but has no such entries", bundle.getSymbolicName(), HEADER, header);
        }
        sentinel.recompile();
        LOG.info("Rule pack bundle {} added: {}", bundle.getSymbolicName(), names);
        return names;
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, List<String> names) {
        names.forEach(n -> sentinel.removeSource("bundle", n));
        sentinel.recompile();
        LOG.info("Rule pack bundle {} removed", bundle.getSymbolicName());
    }
}
