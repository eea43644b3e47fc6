package io.infrasight.sentinel.internal.engine;

import io.infrasight.api.alert.Alert;
import io.infrasight.api.alert.AlertGate;
import io.infrasight.api.event.Event;
import io.infrasight.api.spi.AlertPublisher;
import io.infrasight.sentinel.PackInfo;
import io.infrasight.sentinel.RuleInfo;
import io.infrasight.sentinel.RuleProblem;
import io.infrasight.sentinel.SentinelStatus;
import io.infrasight.sentinel.internal.lang.Frame;
import io.infrasight.sentinel.internal.load.PackCompiler;
import io.infrasight.sentinel.internal.load.RuleFile;
import io.infrasight.sentinel.internal.load.RuleFileParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.jeasy.rules.api.Rule;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.api.RulesEngine;
import org.jeasy.rules.core.DefaultRulesEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine without OSGi: rule sources in, alerts out. Sources are put and removed by the bundle
 * tracker and the file watcher; each change recompiles everything (a few ms for hundreds of rules)
 * and swaps the {@link RuleSet} in one volatile write, so the worker never waits for a reload.
 */
public final class Sentinel implements SentinelStatus {
    private static final Logger LOG = LoggerFactory.getLogger(Sentinel.class);
    public static final String DETECTOR_ID = "sentinel";

    /**
     * What the shared gate keeps for a summary: the rule as compiled when it matched (it may be
     * reloaded or gone by the window's end) and the event.
     */
    public record Hit(CompiledRule rule, Event event) {
    }

    /** A source as last seen: the last version that parsed, and the problem of the current one if any. */
    private static final class Source {
        final String name;
        final String origin;
        RuleFile good;
        RuleProblem fileProblem;

        Source(String name, String origin) {
            this.name = name;
            this.origin = origin;
        }
    }

    private final Map<String, Source> sources = new TreeMap<>();
    private final Map<String, RuleCounters> counters = new ConcurrentHashMap<>();
    private final AlertGate<Hit> gate;
    private final LongSupplier monoClock;
    private final LongSupplier wallClock;
    private final RulesEngine engine = new DefaultRulesEngine();
    private final ThreadLocal<Frame> frames = ThreadLocal.withInitial(Frame::new);

    private volatile RuleSet ruleSet = RuleSet.EMPTY;
    private volatile List<RuleProblem> problems = List.of();
    private volatile Map<String, Integer> rulesBySource = Map.of();

    private final AtomicLong events = new AtomicLong();
    private final AtomicLong evaluated = new AtomicLong();
    private final AtomicLong alerts = new AtomicLong();
    private final AtomicLong summaries = new AtomicLong();
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();

    public Sentinel(AlertGate<Hit> gate, LongSupplier monoClock, LongSupplier wallClock) {
        this.gate = gate;
        this.monoClock = monoClock;
        this.wallClock = wallClock;
    }

    public static Sentinel withSystemClocks(AlertGate<Hit> gate) {
        return new Sentinel(gate, System::nanoTime, () -> System.currentTimeMillis() * 1_000_000L);
    }

    // ---- sources ----

    /** Origin rank keeps load order: bundle packs, then etc/rules, then deploy/; by name within each. */
    private static String key(String origin, String name) {
        int rank = origin.equals("bundle") ? 0 : origin.equals("etc") ? 1 : 2;
        return rank + "|" + name;
    }

    /**
     * Adds or replaces a source. A version that does not parse is reported, and the last version
     * that did keeps running: a typo while editing must not switch detection off.
     *
     * @return the file-level problem, or null when it parsed
     */
    public synchronized RuleProblem putSource(String origin, String name, String text) {
        Source s = sources.computeIfAbsent(key(origin, name), k -> new Source(name, origin));
        try {
            s.good = RuleFileParser.parse(name, origin, text);
            s.fileProblem = null;
        } catch (RuleFileParser.FileException e) {
            s.fileProblem = new RuleProblem(name, e.line, "", e.getMessage()
                    + (s.good != null ? " (the previous version keeps running)" : ""));
        }
        return s.fileProblem;
    }

    public synchronized boolean removeSource(String origin, String name) {
        return sources.remove(key(origin, name)) != null;
    }

    /** Recompiles all sources and swaps the result in; returns the problems found. */
    public synchronized List<RuleProblem> recompile() {
        List<RuleFile> files = new ArrayList<>();
        List<RuleProblem> found = new ArrayList<>();
        for (Source s : sources.values()) {
            if (s.fileProblem != null) {
                found.add(s.fileProblem);
            }
            if (s.good != null) {
                files.add(s.good);
            }
        }
        PackCompiler.Result r = PackCompiler.compile(files, counters);
        found.addAll(r.problems());
        ruleSet = new RuleSet(r.rules());
        problems = List.copyOf(found);
        rulesBySource = Map.copyOf(r.rulesBySource());
        reloads.incrementAndGet();
        for (RuleProblem p : found) {
            LOG.error("Rule rejected: {}", p.message());
        }
        LOG.info("Sentinel: {} rules in force from {} sources, {} problems", r.rules().size(), files.size(),
                found.size());
        return problems;
    }

    // ---- evaluation ----

    public void inspect(List<Event> batch, AlertPublisher out) {
        RuleSet rs = ruleSet;
        Frame f = frames.get();
        long n = 0;
        for (Event e : batch) {
            Rules rules = rs.forKind(e.kind());
            if (rules == null) {
                continue;
            }
            n++;
            f.reset(e);
            engine.fire(rules, f);
            if (!f.matched().isEmpty()) {
                for (Rule r : f.matched()) {
                    raise((CompiledRule) r, f, out);
                }
            }
        }
        f.reset(null);
        events.addAndGet(batch.size());
        evaluated.addAndGet(n);
        batches.incrementAndGet();
    }

    private void raise(CompiledRule rule, Frame f, AlertPublisher out) {
        // the pid is the subject: a storm from one process is one alert plus a summary per window
        long limited = gate.admit(rule.id, Integer.toString(f.event().header().pid()), new Hit(rule, f.event()),
                monoClock.getAsLong());
        if (limited == AlertGate.SUPPRESSED) {
            rule.counters.suppressed++;
            return;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("description", rule.description);
        details.put("source", rule.source);
        details.put("suppressed", 0L);
        if (limited > 0) {
            details.put("rate_limited", limited);
        }
        details.put("dedup_window_ms", gate.windowNanos() / 1_000_000L);
        rule.counters.alerts++;
        alerts.incrementAndGet();
        out.publish(new Alert(UUID.randomUUID().toString(), wallClock.getAsLong(), rule.id, rule.severity,
                rule.render(f), rule.tags, DETECTOR_ID, details, f.event()));
    }

    /** Raises one summary per dedup window that ended with suppressed matches. Called by the ticker. */
    public void tick(AlertPublisher out) {
        List<AlertGate.Summary<Hit>> due = gate.expire(monoClock.getAsLong());
        if (due.isEmpty() || out == null) {
            return;
        }
        Frame f = new Frame();
        for (AlertGate.Summary<Hit> s : due) {
            f.reset(s.last().event());
            CompiledRule rule = s.last().rule();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("description", rule.description);
            details.put("source", rule.source);
            details.put("suppressed", s.suppressed());
            details.put("summary", true);
            details.put("dedup_window_ms", gate.windowNanos() / 1_000_000L);
            summaries.incrementAndGet();
            out.publish(new Alert(UUID.randomUUID().toString(), wallClock.getAsLong(), rule.id, rule.severity,
                    rule.render(f) + " (repeated " + s.suppressed() + " more times in "
                            + gate.windowNanos() / 1_000_000_000L + " s; suppressed)", rule.tags, DETECTOR_ID,
                    details, s.last().event()));
        }
    }

    public RuleSet ruleSet() {
        return ruleSet;
    }

    // ---- status ----

    @Override
    public int engineVersion() {
        return PackCompiler.ENGINE_VERSION;
    }

    @Override
    public List<RuleInfo> rules() {
        return ruleSet.all().stream().map(r -> new RuleInfo(r.id, r.severity.name(),
                r.kinds.stream().map(k -> k.id()).sorted().collect(Collectors.toList()), r.source, true,
                r.counters.evaluations(), r.counters.matches(), r.counters.alerts(), r.counters.suppressed(),
                r.counters.avgEvalNanos(), r.tags)).collect(Collectors.toList());
    }

    @Override
    public synchronized List<PackInfo> packs() {
        List<PackInfo> out = new ArrayList<>();
        for (Source s : sources.values()) {
            String state = s.fileProblem == null ? "loaded" : s.good != null ? "stale" : "rejected";
            out.add(new PackInfo(s.name, s.origin, s.good == null ? "" : s.good.version(),
                    rulesBySource.getOrDefault(s.name, 0), state));
        }
        return out;
    }

    @Override
    public List<RuleProblem> problems() {
        return problems;
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("events", events.get());
        m.put("events_evaluated", evaluated.get());
        m.put("batches", batches.get());
        m.put("alerts", alerts.get());
        m.put("summaries", summaries.get());
        long suppressed = 0;
        long errors = 0;
        for (RuleCounters c : counters.values()) {
            suppressed += c.suppressed();
            errors += c.errors();
        }
        m.put("suppressed", suppressed);
        m.put("eval_errors", errors);
        m.put("rules", (long) ruleSet.size());
        m.put("problems", (long) problems.size());
        m.put("reloads", reloads.get());
        m.put("dedup_windows_open", (long) gate.openWindows());
        m.put("dedup_overflow", gate.overflow());
        return m;
    }
}
