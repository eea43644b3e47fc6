package io.infrasight.ml.internal;

import io.infrasight.api.json.IsoTime;
import io.infrasight.api.json.JsonValues;
import io.infrasight.api.json.JsonWriter;
import io.infrasight.ml.Level;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Models on disk: {@code <root>/<family>/<key>/} holds {@code meta.json} (schema, scaling,
 * threshold, counts: readable by people and tools), {@code model.bin} (the Weka classifier) and
 * {@code samples.csv} (the training vectors in feature order, for re-learning). A model is written to a temporary
 * directory and moved into place, so a crash leaves the old model or the new one, never half.
 */
public final class ModelStore {
    static final int FORMAT = 1;
    private static final IsoTime ISO = new IsoTime();

    private final Path root;

    public ModelStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** A loaded model, or why it could not be loaded. */
    public record Loaded(Path dir, Model model, String error) {
    }

    static String dirName(String key) {
        StringBuilder sb = new StringBuilder();
        for (char c : key.toCharArray()) {
            sb.append(Character.isLetterOrDigit(c) || c == '.' || c == '-' ? c : '_');
        }
        return sb + "-" + Integer.toHexString(key.hashCode());
    }

    void save(Model m) throws IOException {
        Path famDir = Files.createDirectories(root.resolve(m.family));
        Path dir = famDir.resolve(dirName(m.key));
        Path tmp = Files.createTempDirectory(famDir, ".tmp-");
        try {
            try (OutputStream out = Files.newOutputStream(tmp.resolve("model.bin"))) {
                m.trained.scorer().write(out);
            }
            try (Writer w = Files.newBufferedWriter(tmp.resolve("samples.csv"), StandardCharsets.UTF_8)) {
                w.write(String.join(",", m.trained.schema().names));
                w.write('\n');
                StringBuilder sb = new StringBuilder();
                for (double[] v : m.trained.vectors()) {
                    sb.setLength(0);
                    for (int j = 0; j < v.length; j++) {
                        sb.append(j == 0 ? "" : ",").append(v[j]);
                    }
                    w.write(sb.append('\n').toString());
                }
            }
            Files.writeString(tmp.resolve("meta.json"), meta(m), StandardCharsets.UTF_8);
            if (Files.exists(dir)) {
                deleteTree(dir);
            }
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir);
            }
        } finally {
            if (Files.exists(tmp)) {
                deleteTree(tmp);
            }
        }
    }

    /** Rewrites only the counters in meta.json (on close), leaving the model as trained. */
    void saveCounters(Model m) throws IOException {
        Path dir = root.resolve(m.family).resolve(dirName(m.key));
        if (Files.isDirectory(dir)) {
            Path tmp = dir.resolve("meta.json.tmp");
            Files.writeString(tmp, meta(m), StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve("meta.json"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String meta(Model m) {
        Schema s = m.trained.schema();
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("family", m.family);
        meta.put("key", m.key);
        meta.put("level", m.level.name());
        meta.put("algorithm", m.algorithm);
        meta.put("features", s.names);
        meta.put("medians", toList(s.medians));
        meta.put("scales", toList(s.scales));
        meta.put("mins", toList(s.mins));
        meta.put("maxs", toList(s.maxs));
        meta.put("threshold", m.trained.threshold());
        meta.put("samples", m.trained.vectors().length);
        meta.put("trained_at_nanos", m.trained.trainedAtNanos());
        meta.put("trained_at", ISO.format(m.trained.trainedAtNanos()));
        meta.put("weka", "3.8.6");
        meta.put("scored", m.scored);
        meta.put("anomalies", m.anomalies);
        meta.put("alerts", m.alerts);
        return new JsonWriter().value(meta).buffer().append('\n').toString();
    }

    private static List<Double> toList(double[] a) {
        List<Double> l = new ArrayList<>(a.length);
        for (double d : a) {
            l.add(d);
        }
        return l;
    }

    /** Every model directory of a family; unreadable ones come back with their error. */
    public List<Loaded> loadAll(String family, String otherFeature) {
        List<Loaded> out = new ArrayList<>();
        Path famDir = root.resolve(family);
        if (!Files.isDirectory(famDir)) {
            return out;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(famDir, p -> Files.isDirectory(p)
                && !p.getFileName().toString().startsWith(".") && !p.getFileName().toString().contains(".corrupt-"))) {
            for (Path d : dirs) {
                try {
                    out.add(new Loaded(d, load(d, family, otherFeature), null));
                } catch (Exception | LinkageError e) {
                    out.add(new Loaded(d, null, e.getMessage() == null ? e.toString() : e.getMessage()));
                }
            }
        } catch (IOException e) {
            out.add(new Loaded(famDir, null, "cannot list " + famDir + ": " + e));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Model load(Path dir, String family, String otherFeature) throws Exception {
        Object parsed;
        try {
            parsed = JsonValues.parse(Files.readString(dir.resolve("meta.json"), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IOException(dir.resolve("meta.json") + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map)) {
            throw new IOException(dir.resolve("meta.json") + " is not a JSON object");
        }
        Map<String, Object> meta = (Map<String, Object>) parsed;
        if (((Number) meta.getOrDefault("format", -1)).intValue() != FORMAT) {
            throw new IOException(dir + ": model format " + meta.get("format") + ", this version reads " + FORMAT);
        }
        if (!family.equals(meta.get("family"))) {
            throw new IOException(dir + " belongs to family " + meta.get("family"));
        }
        List<String> names = (List<String>) meta.get("features");
        double[] medians = doubles((List<Object>) meta.get("medians"), names.size());
        double[] scales = doubles((List<Object>) meta.get("scales"), names.size());
        double[] mins = doubles((List<Object>) meta.get("mins"), names.size());
        double[] maxs = doubles((List<Object>) meta.get("maxs"), names.size());
        Schema schema = new Schema(names, medians, scales, mins, maxs, otherFeature);
        WekaScorer scorer;
        try (InputStream in = Files.newInputStream(dir.resolve("model.bin"))) {
            scorer = WekaScorer.read(in, names.size());
        }
        List<double[]> samples = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("samples.csv"), StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.equals(String.join(",", names))) {
                throw new IOException(dir.resolve("samples.csv") + ": header does not match the model's features");
            }
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] cells = line.split(",", -1);
                if (cells.length != names.size()) {
                    throw new IOException(dir.resolve("samples.csv") + ": a row with " + cells.length + " values");
                }
                double[] v = new double[cells.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Double.parseDouble(cells[i]);
                }
                samples.add(v);
            }
        } catch (NumberFormatException e) {
            throw new IOException(dir.resolve("samples.csv") + ": " + e.getMessage(), e);
        }
        Model m = new Model(family, (String) meta.get("key"), Level.valueOf((String) meta.get("level")),
                (String) meta.get("algorithm"));
        double threshold = ((Number) meta.get("threshold")).doubleValue();
        if (!Double.isFinite(threshold)) {
            throw new IOException(dir + ": threshold " + threshold);
        }
        m.install(new Model.Trained(schema, scorer, threshold, samples.toArray(new double[0][]),
                ((Number) meta.get("trained_at_nanos")).longValue()), 0);
        m.alerts = ((Number) meta.getOrDefault("alerts", 0)).longValue();
        return m;
    }

    private static double[] doubles(List<Object> l, int n) throws IOException {
        if (l == null || l.size() != n) {
            throw new IOException("expected " + n + " values, found " + (l == null ? "none" : l.size()));
        }
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = ((Number) l.get(i)).doubleValue();
        }
        return a;
    }

    /** Moves an unreadable model aside (kept for diagnosis) so that a new one can be learned in its place. */
    Path quarantine(Path dir, long wallMillis) throws IOException {
        Path to = dir.resolveSibling(dir.getFileName() + ".corrupt-" + wallMillis);
        Files.move(dir, to);
        return to;
    }

    private static void deleteTree(Path p) throws IOException {
        if (Files.isDirectory(p)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
                for (Path c : ds) {
                    deleteTree(c);
                }
            }
        }
        Files.deleteIfExists(p);
    }
}
