package io.infrasight.sentinel.internal.load;

import java.util.List;
import java.util.Map;

/**
 * A rule source after YAML parsing: its items in order, each with the line it starts on.
 *
 * @param name                   file path or bundle entry
 * @param origin                 "bundle", "etc" or "deploy"
 * @param requiredEngineVersion  0 when not declared
 * @param engineLine             line of required_engine_version
 * @param version                the pack's declared version, "" when none
 */
public record RuleFile(String name, String origin, int requiredEngineVersion, int engineLine, String version,
        List<Item> items) {

    /** One list, macro or rule entry. {@code kind} is "list", "macro" or "rule"; {@code body} the YAML mapping. */
    public record Item(String kind, String name, int line, Map<String, Object> body, Map<String, Integer> keyLines) {
        public int lineOf(String key) {
            return keyLines.getOrDefault(key, line);
        }

        public boolean append() {
            return "true".equals(String.valueOf(body.get("append")));
        }
    }
}
