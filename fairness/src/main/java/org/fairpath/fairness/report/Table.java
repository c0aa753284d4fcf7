package org.fairpath.fairness.report;

import java.util.List;

/**
 * A data table of the report that reflows on narrow screens: wide, it is an ordinary table; at 40rem or less (the
 * page's CSS) each row becomes a block of "header: value" lines, so no column is hidden behind a scrollbar. The
 * table keeps explicit ARIA roles ({@code table}, {@code row}, {@code cell}, ...), because a browser may drop a
 * table's semantics once its display is changed; each cell repeats its column's header in {@code data-label}.
 */
final class Table {

    /**
     * A column header.
     *
     * @param html  its content, escaped
     * @param label its plain text, escaped for an attribute (shown before each value on narrow screens)
     */
    record Head(String html, String label) {

        /** A header of our own words (no markup). */
        static Head of(String text) {
            return new Head(text, text);
        }
    }

    private final List<Head> heads;
    private final StringBuilder body = new StringBuilder();

    Table(List<Head> heads) {
        this.heads = List.copyOf(heads);
    }

    /**
     * Adds a row of escaped cells, one per column.
     *
     * @param cssClass    the row's class, or null
     * @param rowHeader   whether the first cell is the row's header (a {@code th scope="row"})
     * @param cells       the cells' HTML
     * @param cellClasses each cell's class, or null for none (may be shorter than {@code cells})
     * @throws IllegalArgumentException when the number of cells is not the number of columns
     */
    Table row(String cssClass, boolean rowHeader, List<String> cells, List<String> cellClasses) {
        if (cells.size() != heads.size()) {
            throw new IllegalArgumentException("a row needs " + heads.size() + " cells; got " + cells.size());
        }
        body.append("<tr role=\"row\"").append(cssClass == null ? "" : " class=\"" + cssClass + "\"").append('>');
        for (int i = 0; i < cells.size(); i++) {
            String cls = i < cellClasses.size() && cellClasses.get(i) != null ? " class=\"" + cellClasses.get(i) + "\""
                    : "";
            String tag = i == 0 && rowHeader ? "th scope=\"row\" role=\"rowheader\"" : "td role=\"cell\"";
            body.append('<').append(tag).append(cls).append(" data-label=\"").append(heads.get(i).label())
                    .append("\">").append(cells.get(i)).append(i == 0 && rowHeader ? "</th>" : "</td>");
        }
        body.append("</tr>\n");
        return this;
    }

    /** Adds a row of escaped cells with no classes. */
    Table row(String cssClass, boolean rowHeader, List<String> cells) {
        return row(cssClass, rowHeader, cells, List.of());
    }

    void appendTo(StringBuilder h) {
        h.append("<table class=\"data\" role=\"table\"><thead role=\"rowgroup\"><tr role=\"row\">");
        for (Head head : heads) {
            h.append("<th scope=\"col\" role=\"columnheader\">").append(head.html()).append("</th>");
        }
        h.append("</tr></thead><tbody role=\"rowgroup\">\n").append(body).append("</tbody></table>\n");
    }
}
