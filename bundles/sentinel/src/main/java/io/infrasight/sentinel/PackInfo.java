package io.infrasight.sentinel;

/**
 * A rule source.
 *
 * @param name     file path or bundle symbolic name + entry
 * @param origin   "bundle", "etc" or "deploy"
 * @param version  the pack's declared version, or "" when none
 * @param rules    rules it defined that are in force
 * @param state    "loaded", "rejected" (the whole file; see problems) or "stale" (kept the last good
 *                 version after a broken edit)
 */
public record PackInfo(String name, String origin, String version, int rules, String state) {
}
