package io.infrasight.sink.clickhouse.internal;

/**
 * What the connected server can do. 18.16 (Debian's package, our test server) lacks DateTime64,
 * codecs and TTL, and wants a setting for LowCardinality; every release from 20.1 on has all of
 * them, which covers the 23.x-26.x lines production runs.
 */
record ServerVersion(int major, int minor, String text) {

    static ServerVersion parse(String version) {
        String v = version.strip();
        String[] parts = v.split("\\.");
        try {
            return new ServerVersion(Integer.parseInt(parts[0]), parts.length > 1 ? Integer.parseInt(parts[1]) : 0, v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cannot read the server version '" + v + "'", e);
        }
    }

    /** DateTime64, LowCardinality without settings, column codecs and table TTL. */
    boolean modern() {
        return major >= 20;
    }
}
