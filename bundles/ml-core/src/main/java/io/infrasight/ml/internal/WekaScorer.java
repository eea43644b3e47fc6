package io.infrasight.ml.internal;

import io.infrasight.ml.EngineSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.misc.IsolationForest;
import weka.classifiers.misc.LOF;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

/**
 * A trained Weka outlier model over standardised vectors. Both packages' classifiers want a
 * nominal class attribute; every learning vector is "normal". Scores: Isolation Forest's
 * anomaly probability (0.5 is the usual boundary), LOF's score scaled to [0, 1] by the learning
 * data's range. Not thread-safe; the engine serialises calls.
 *
 * <p>LOF learns from the distinct vectors only, and only from at least {@value #LOF_MIN_DISTINCT}
 * of them: a quiet service repeats the same few vectors, and Weka's LOF on duplicates or on a few
 * dozen tied points degenerates (its neighbour heaps grow without end; in our runs it never
 * finished). Below that, the model is an Isolation Forest, which has no such case, and says so.
 */
final class WekaScorer {
    private static final String MAGIC = "infrasight-weka-1";
    static final int LOF_MIN_DISTINCT = 100;

    private final String algorithm;
    private final AbstractClassifier classifier;
    private final Instances header;
    private final DenseInstance probe;

    private WekaScorer(String algorithm, AbstractClassifier classifier, Instances header) {
        this.algorithm = algorithm;
        this.classifier = classifier;
        this.header = header;
        this.probe = new DenseInstance(header.numAttributes());
        this.probe.setDataset(header);
    }

    static WekaScorer train(EngineSettings s, double[][] all) throws Exception {
        MlSystem.prepare();
        double[][] unique = EngineSettings.LOF.equals(s.algorithm()) ? distinct(all) : all;
        boolean lof = EngineSettings.LOF.equals(s.algorithm()) && unique.length >= LOF_MIN_DISTINCT;
        double[][] z = lof ? unique : all;
        int n = all.length == 0 ? 0 : all[0].length;
        Instances data = new Instances("infrasight", attributes(n), z.length);
        data.setClassIndex(n);
        for (double[] row : z) {
            double[] v = new double[n + 1];
            System.arraycopy(row, 0, v, 0, n);
            data.add(new DenseInstance(1, v));
        }
        AbstractClassifier c;
        if (lof) {
            LOF l = new LOF();
            l.setMinPointsLowerBound("10");
            l.setMinPointsUpperBound("20");
            l.setNumExecutionSlots("1");
            c = l;
        } else {
            IsolationForest f = new IsolationForest();
            f.setNumTrees(s.trees());
            f.setSubsampleSize(Math.min(256, z.length));
            f.setSeed((int) s.seed());
            c = f;
        }
        c.buildClassifier(data);
        return new WekaScorer(lof ? EngineSettings.LOF : EngineSettings.ISOLATION_FOREST, c, new Instances(data, 0));
    }

    private static ArrayList<Attribute> attributes(int n) {
        ArrayList<Attribute> a = new ArrayList<>(n + 1);
        for (int j = 0; j < n; j++) {
            a.add(new Attribute("f" + j));
        }
        a.add(new Attribute("class", List.of("normal", "anomaly")));
        return a;
    }

    /** The rows without repeats, in first-seen order. */
    static double[][] distinct(double[][] rows) {
        java.util.Set<java.util.List<Double>> seen = new java.util.HashSet<>();
        List<double[]> out = new ArrayList<>();
        for (double[] r : rows) {
            List<Double> key = new ArrayList<>(r.length);
            for (double d : r) {
                key.add(d);
            }
            if (seen.add(key)) {
                out.add(r);
            }
        }
        return out.toArray(new double[0][]);
    }

    double score(double[] z) throws Exception {
        for (int j = 0; j < z.length; j++) {
            probe.setValue(j, z[j]);
        }
        probe.setValue(z.length, 0);
        double[] d = classifier.distributionForInstance(probe);
        return EngineSettings.LOF.equals(algorithm) ? d[0] : d[1];
    }

    String algorithm() {
        return algorithm;
    }

    void write(OutputStream out) throws IOException {
        ObjectOutputStream o = new ObjectOutputStream(out);
        o.writeUTF(MAGIC);
        o.writeUTF(algorithm);
        o.writeObject(classifier);
        o.writeObject(header);
        o.flush();
    }

    /**
     * Reads a model written by {@link #write}. Only Weka's and the JDK's classes may appear in the
     * stream (an ObjectInputFilter), so a planted file cannot instantiate anything else.
     */
    static WekaScorer read(InputStream in, int features) throws IOException {
        MlSystem.prepare();
        try (ObjectInputStream o = new ObjectInputStream(in) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                try {
                    return Class.forName(desc.getName(), false, WekaScorer.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    return super.resolveClass(desc);
                }
            }
        }) {
            o.setObjectInputFilter(WekaScorer::allowed);
            if (!MAGIC.equals(o.readUTF())) {
                throw new IOException("not an InfraSight model file");
            }
            String algorithm = o.readUTF();
            Object c = o.readObject();
            Object h = o.readObject();
            if (!(c instanceof AbstractClassifier) || !(h instanceof Instances)) {
                throw new IOException("model file holds " + (c == null ? "nothing" : c.getClass().getName())
                        + ", not a Weka classifier");
            }
            Instances header = (Instances) h;
            if (header.numAttributes() != features + 1) {
                throw new IOException("model has " + (header.numAttributes() - 1) + " features, its metadata " + features);
            }
            return new WekaScorer(algorithm, (AbstractClassifier) c, header);
        } catch (ClassNotFoundException | ClassCastException | InvalidClassException e) {
            throw new IOException("model file unreadable: " + e, e);
        }
    }

    private static ObjectInputFilter.Status allowed(ObjectInputFilter.FilterInfo info) {
        Class<?> c = info.serialClass();
        if (info.depth() > 200 || info.references() > 5_000_000) {
            return ObjectInputFilter.Status.REJECTED;
        }
        if (c == null) {
            return ObjectInputFilter.Status.UNDECIDED;
        }
        while (c.isArray()) {
            c = c.getComponentType();
        }
        String name = c.getName();
        if (c.isPrimitive() || name.startsWith("weka.") || name.startsWith("java.lang.")
                || name.startsWith("java.util.") || name.startsWith("java.text.")) {
            return ObjectInputFilter.Status.ALLOWED;
        }
        return ObjectInputFilter.Status.REJECTED;
    }
}
