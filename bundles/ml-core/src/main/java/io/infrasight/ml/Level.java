package io.infrasight.ml;

/** What an interval vector describes. */
public enum Level {
    /** One process over one interval. */
    PROCESS,
    /** The sum over one container's processes in one interval. */
    CONTAINER,
    /** The sum over every process of the host in one interval. */
    HOST;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
