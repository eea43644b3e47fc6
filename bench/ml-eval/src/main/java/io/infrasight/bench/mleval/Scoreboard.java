package io.infrasight.bench.mleval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Confusion counts per model (family x level x algorithm) and recall per injected anomaly, from every
 * decision the engines make on the harness's own vectors. Thread-safe (engines may call back from
 * their own threads).
 */
final class Scoreboard {
    /** One model's counts. */
    static final class Cell {
        long tp;
        long fp;
        long tn;
        long fn;

        long positives() {
            return tp + fn;
        }

        long negatives() {
            return fp + tn;
        }

        double precision() {
            return tp + fp == 0 ? Double.NaN : (double) tp / (tp + fp);
        }

        double recall() {
            return positives() == 0 ? Double.NaN : (double) tp / positives();
        }

        /** False-positive rate: flagged normal vectors over all normal vectors. */
        double fpr() {
            return negatives() == 0 ? Double.NaN : (double) fp / negatives();
        }

        Cell copy() {
            Cell c = new Cell();
            c.tp = tp;
            c.fp = fp;
            c.tn = tn;
            c.fn = fn;
            return c;
        }
    }

    /** Identifies a model: family ("resource", "syscall"), level ("process", ...), algorithm. */
    record Key(String family, String level, String algorithm) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return family + "/" + level + "/" + algorithm;
        }
    }

    private final Map<Key, Cell> cells = new TreeMap<>();
    /** anomaly name -> model -> counts over the vectors labelled with that anomaly (tp and fn only). */
    private final Map<String, Map<Key, Cell>> perAnomaly = new TreeMap<>();
    private final Set<String> anomalyOrder = new LinkedHashSet<>();
    /** model -> "what was flagged: the top feature" -> false positives, to say which features mislead. */
    private final Map<Key, Map<String, Integer>> falsePositives = new TreeMap<>();
    /** model -> anomaly -> top feature of its missed vectors' closest call, to say what was not seen. */
    private final Map<Key, Map<String, Integer>> misses = new TreeMap<>();

    /**
     * Counts one decision.
     *
     * @param anomaly the injected anomaly the vector belongs to, or null for a normal vector
     * @param flagged the engine said anomalous
     */
    synchronized void count(Key key, String anomaly, boolean flagged) {
        Cell c = cells.computeIfAbsent(key, k -> new Cell());
        if (anomaly == null) {
            if (flagged) {
                c.fp++;
            } else {
                c.tn++;
            }
            return;
        }
        Cell a = perAnomaly.computeIfAbsent(anomaly, n -> new TreeMap<>()).computeIfAbsent(key, k -> new Cell());
        if (flagged) {
            c.tp++;
            a.tp++;
        } else {
            c.fn++;
            a.fn++;
        }
    }

    /** Remembers why a normal vector was flagged ({@code what}: container or comm, and the top feature). */
    synchronized void falsePositive(Key key, String what) {
        falsePositives.computeIfAbsent(key, k -> new TreeMap<>()).merge(what, 1, Integer::sum);
    }

    /** Remembers a missed anomalous vector ({@code what}: the anomaly, and for processes their name). */
    synchronized void miss(Key key, String what) {
        misses.computeIfAbsent(key, k -> new TreeMap<>()).merge(what, 1, Integer::sum);
    }

    /** Names anomalies in the order they were injected, so the table reads like the run. */
    synchronized void anomaly(String name) {
        anomalyOrder.add(name);
    }

    synchronized Map<Key, Cell> cells() {
        Map<Key, Cell> m = new TreeMap<>();
        cells.forEach((k, v) -> m.put(k, v.copy()));
        return m;
    }

    synchronized Cell cell(Key key) {
        Cell c = cells.get(key);
        return c == null ? new Cell() : c.copy();
    }

    synchronized Cell anomalyCell(String anomaly, Key key) {
        Cell c = perAnomaly.getOrDefault(anomaly, Map.of()).get(key);
        return c == null ? new Cell() : c.copy();
    }

    /** The mean over the anomalies that had vectors at this model of their recall; NaN when none had. */
    synchronized double meanAnomalyRecall(Key key) {
        return perAnomaly.values().stream().map(m -> m.get(key)).filter(c -> c != null && c.positives() > 0)
                .mapToDouble(Cell::recall).average().orElse(Double.NaN);
    }

    synchronized long decisions() {
        return cells.values().stream().mapToLong(c -> c.positives() + c.negatives()).sum();
    }

    /** The figures as a plain-text table (also pasted into docs/ml.md). */
    synchronized String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-38s %7s %7s %7s %7s %9s %7s %7s %12s%n", "model (family/level/algorithm)",
                "TP", "FP", "TN", "FN", "precision", "recall", "FPR", "per-anomaly"));
        cells.forEach((k, c) -> b.append(String.format(Locale.ROOT, "%-38s %7d %7d %7d %7d %9s %7s %7s %12s%n", k, c.tp,
                c.fp, c.tn, c.fn, f(c.precision()), f(c.recall()), f(c.fpr()), f(meanAnomalyRecall(k)))));
        b.append("(per-anomaly: the mean of the anomalies' recalls, so that the fork storm's thousands of process\n"
                + " vectors do not outweigh the other anomalies)\n");
        b.append(String.format(Locale.ROOT, "%nrecall per anomaly (TP/positives)%n"));
        List<Key> keys = new ArrayList<>(cells.keySet());
        b.append(String.format(Locale.ROOT, "%-38s", "model"));
        List<String> names = new ArrayList<>(anomalyOrder);
        perAnomaly.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
        for (String n : names) {
            b.append(String.format(Locale.ROOT, " %14s", n));
        }
        b.append('\n');
        for (Key k : keys) {
            b.append(String.format(Locale.ROOT, "%-38s", k));
            for (String n : names) {
                Cell c = perAnomaly.getOrDefault(n, Map.of()).get(k);
                b.append(String.format(Locale.ROOT, " %14s", c == null ? "-" : c.tp + "/" + c.positives()));
            }
            b.append('\n');
        }
        b.append(String.format(Locale.ROOT, "%nfalse positives by model: where, and the feature that deviated most (count)%n"));
        falsePositives.forEach((k, m) -> b.append(String.format(Locale.ROOT, "%-38s %s%n", k, top(m, 6))));
        b.append(String.format(Locale.ROOT, "%nmissed anomalous vectors by model: anomaly, for process vectors with the process name (count)%n"));
        misses.forEach((k, m) -> b.append(String.format(Locale.ROOT, "%-38s %s%n", k, top(m, 6))));
        return b.toString();
    }

    private static String top(Map<String, Integer> counts, int n) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .map(e -> e.getKey() + " " + e.getValue()).collect(java.util.stream.Collectors.joining(", "))
                + (counts.size() > n ? ", ..." : "");
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
