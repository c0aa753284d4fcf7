package org.fairpath.explain.notice;

import java.util.List;

/**
 * One document written twice with the same calls: as HTML and as plain text, so both say the same. Every text given
 * is escaped here (HTML entities, and hiding characters made visible); callers never write markup.
 */
final class Page {

    private final StringBuilder html = new StringBuilder(8192);
    private final StringBuilder text = new StringBuilder(4096);
    private int sections;

    static final String STYLE = "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;"
            + "line-height:1.5;color:#1a1a1a;background:#fff;margin:0;padding:1rem}"
            + "main{max-width:42rem;margin:0 auto}h1{font-size:1.5rem;line-height:1.25}"
            + "h2{font-size:1.2rem;margin-top:1.75rem}p,li{overflow-wrap:anywhere}"
            + "table{border-collapse:collapse;width:100%}caption{text-align:left;font-weight:bold}"
            + "th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #767676;"
            + "overflow-wrap:anywhere}.ref{font-family:monospace}"
            + "@media print{body{padding:0;font-size:11pt}h2{break-after:avoid}section{break-inside:avoid}}";

    Page(String language, String title) {
        html.append("<!DOCTYPE html>\n<html lang=\"").append(Html.escape(language)).append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src"
                        + " 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(title)).append("</title>\n<style>").append(STYLE)
                .append("</style>\n</head>\n<body>\n<main>\n<h1>").append(Html.escape(title)).append("</h1>\n");
        String t = Html.plain(title);
        text.append(t).append('\n').append("=".repeat(t.codePointCount(0, t.length()))).append("\n\n");
    }

    Page paragraph(String s) {
        html.append("<p>").append(Html.escape(s)).append("</p>\n");
        text.append(Html.plain(s)).append("\n\n");
        return this;
    }

    /** A paragraph whose text is a reference (shown in a fixed-width font in HTML). */
    Page reference(String s) {
        html.append("<p class=\"ref\">").append(Html.escape(s)).append("</p>\n");
        text.append(Html.plain(s)).append("\n\n");
        return this;
    }

    Page section(String heading) {
        if (sections++ > 0) {
            html.append("</section>\n");
        }
        html.append("<section aria-labelledby=\"s").append(sections).append("\">\n<h2 id=\"s").append(sections)
                .append("\">").append(Html.escape(heading)).append("</h2>\n");
        String t = Html.plain(heading);
        text.append(t).append('\n').append("-".repeat(t.codePointCount(0, t.length()))).append("\n\n");
        return this;
    }

    Page list(List<String> items) {
        html.append("<ul>\n");
        for (String i : items) {
            html.append("<li>").append(Html.escape(i)).append("</li>\n");
            text.append("- ").append(Html.plain(i)).append('\n');
        }
        html.append("</ul>\n");
        text.append('\n');
        return this;
    }

    /** A two-column table: a row header and a value per row. */
    Page table(String caption, String first, String second, List<String[]> rows) {
        html.append("<table>\n<caption>").append(Html.escape(caption)).append("</caption>\n<thead><tr><th scope=\"col\">")
                .append(Html.escape(first)).append("</th><th scope=\"col\">").append(Html.escape(second))
                .append("</th></tr></thead>\n<tbody>\n");
        for (String[] r : rows) {
            html.append("<tr><th scope=\"row\">").append(Html.escape(r[0])).append("</th><td>")
                    .append(Html.escape(r[1])).append("</td></tr>\n");
            text.append(Html.plain(r[0])).append(": ").append(Html.plain(r[1])).append('\n');
        }
        html.append("</tbody>\n</table>\n");
        text.append('\n');
        return this;
    }

    String html() {
        return html + (sections > 0 ? "</section>\n" : "") + "</main>\n</body>\n</html>\n";
    }

    String text() {
        return text.toString();
    }
}
