package io.infrasight.sentinel.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.infrasight.sentinel.internal.lang.Fields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/rules.md is where rule authors look: every field a condition can read must be listed there. */
class FieldsDocTest {
    @Test
    void everyFieldIsDocumentedInRulesMd() throws Exception {
        String doc = Files.readString(Path.of("../../docs/rules.md"));
        List<String> missing = Fields.all().keySet().stream()
                .map(n -> n.startsWith("connect.") || n.startsWith("accept.") ? "<kind>." + n.substring(n.indexOf('.') + 1) : n)
                .filter(n -> !doc.contains("`" + n + "`"))
                .toList();
        assertTrue(missing.isEmpty(), "fields missing from docs/rules.md: " + missing);
    }
}
