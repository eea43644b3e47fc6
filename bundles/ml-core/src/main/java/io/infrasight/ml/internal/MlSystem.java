package io.infrasight.ml.internal;

/**
 * Process-wide settings Weka reads once, set before its first class loads (FACTS.md): netlib's pure
 * Java (F2j) BLAS/LAPACK/ARPACK instead of natives, and WEKA_HOME away from ~/wekafiles (Weka
 * writes its package cache there) under the data folder.
 */
final class MlSystem {
    private static volatile boolean done;

    private MlSystem() {
    }

    static void prepare() {
        if (done) {
            return;
        }
        synchronized (MlSystem.class) {
            if (done) {
                return;
            }
            setIfAbsent("com.github.fommil.netlib.BLAS", "com.github.fommil.netlib.F2jBLAS");
            setIfAbsent("com.github.fommil.netlib.LAPACK", "com.github.fommil.netlib.F2jLAPACK");
            setIfAbsent("com.github.fommil.netlib.ARPACK", "com.github.fommil.netlib.F2jARPACK");
            String data = System.getProperty("karaf.data", System.getProperty("java.io.tmpdir"));
            setIfAbsent("WEKA_HOME", java.nio.file.Path.of(data, "weka").toString());
            done = true;
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
