package io.infrasight.sentinel;

/**
 * Something in a rule source that was rejected; everything else keeps running.
 *
 * @param source file path or bundle entry
 * @param line   1-based line, 0 when unknown
 * @param item   rule, macro or list name, or "" for the file as a whole
 * @param reason what is wrong
 */
public record RuleProblem(String source, int line, String item, String reason) {
    public String message() {
        return source + ":" + line + (item.isEmpty() ? "" : " [" + item + "]") + ": " + reason;
    }
}
