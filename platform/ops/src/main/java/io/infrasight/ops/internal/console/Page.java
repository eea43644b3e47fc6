package io.infrasight.ops.internal.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The page: markup, style and one inline script from {@code page.html} next to this class. No
 * external resources (no CDN): it must work on a host without network. The status tables are
 * rendered server-side (escaped there) so that the page is useful before the script runs.
 */
final class Page {
    private static final String TEMPLATE = load();

    private Page() {
    }

    private static String load() {
        try (InputStream in = Page.class.getResourceAsStream("page.html")) {
            if (in == null) {
                throw new IllegalStateException("page.html missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(PrintWriter out, String pluginRoot, String tables) {
        out.print(TEMPLATE.replace("@ROOT@", ConsolePlugin.escapeAttribute(pluginRoot)).replace("@TABLES@", tables));
    }
}
