package org.fairpath.fairness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 17: tables that reflow keep their roles and repeat each header in data-label. Expected markup by hand. */
final class TableTest {

    @Test
    void row_carriesRolesAndHeaderLabels() {
        Table t = new Table(List.of(Table.Head.of("group"), new Table.Head("<bdi>f</bdi>", "f")));
        t.row(null, true, List.of("a", "1"));
        StringBuilder h = new StringBuilder();
        t.appendTo(h);
        assertEquals("<table class=\"data\" role=\"table\"><thead role=\"rowgroup\"><tr role=\"row\">"
                + "<th scope=\"col\" role=\"columnheader\">group</th><th scope=\"col\" role=\"columnheader\">"
                + "<bdi>f</bdi></th></tr></thead><tbody role=\"rowgroup\">\n<tr role=\"row\"><th scope=\"row\" "
                + "role=\"rowheader\" data-label=\"group\">a</th><td role=\"cell\" data-label=\"f\">1</td></tr>\n"
                + "</tbody></table>\n", h.toString());
    }

    @Test
    void row_withTheWrongNumberOfCells_isRefused() {
        Table t = new Table(List.of(Table.Head.of("a"), Table.Head.of("b")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.row(null, false, List.of("only one")));
        assertEquals("a row needs 2 cells; got 1", e.getMessage());
    }
}
