package io.infrasight.ops.internal.render;

/** Writes HTML with every piece of text escaped. */
final class Html {
    private final StringBuilder sb;

    Html(StringBuilder sb) {
        this.sb = sb;
    }

    static String escape(Object value) {
        String s = value == null ? "" : String.valueOf(value);
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    Html heading(String text) {
        sb.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    Html paragraph(String text) {
        sb.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    Html table(String... headers) {
        sb.append("<table class=\"nicetable\"><thead><tr>");
        for (String h : headers) {
            sb.append("<th>").append(escape(h)).append("</th>");
        }
        sb.append("</tr></thead><tbody>\n");
        return this;
    }

    Html row(Object... cells) {
        sb.append("<tr>");
        for (Object c : cells) {
            sb.append("<td>").append(escape(c)).append("</td>");
        }
        sb.append("</tr>\n");
        return this;
    }

    Html emptyRow(int columns, String text) {
        sb.append("<tr><td colspan=\"").append(columns).append("\">").append(escape(text)).append("</td></tr>\n");
        return this;
    }

    Html endTable() {
        sb.append("</tbody></table>\n");
        return this;
    }
}
