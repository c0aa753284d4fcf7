package org.fairpath.fairness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.fairpath.fairness.audit.Audit;
import org.fairpath.fairness.audit.AuditPolicy;
import org.fairpath.fairness.audit.Finding;
import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.input.Bands;
import org.fairpath.fairness.input.Display;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.stats.AuditCounts;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, third round, reports: notes and suppressed groups in the HTML page, long labels that stay apart when cut,
 * a ratio of exactly 0 printed as 0, and band labels in numeric order. Inputs are built so the expected text is
 * known by construction (counts chosen by hand).
 */
final class ReportFixesTest {

    private static final Instant T = Instant.parse("2026-12-03T00:00:00Z");

    /** {@code n} cases of {@code label}, the first {@code selected} of them selected. */
    private static void add(List<String> g, List<Boolean> d, String label, int n, int selected) {
        for (int i = 0; i < n; i++) {
            g.add(label);
            d.add(i < selected);
        }
    }

    private static Audit audit(List<String> g, List<Boolean> d) {
        boolean[] dec = new boolean[d.size()];
        for (int i = 0; i < dec.length; i++) {
            dec[i] = d.get(i);
        }
        AuditData data = AuditData.builder().group("g", g.toArray(new String[0])).decisions(dec).build();
        return Audit.run(AuditCounts.of(data, 1), AuditSettings.withDefaults(), AuditPolicy.withDefaults());
    }

    private static String html(Audit a, List<String> notes) {
        return HtmlReport.render(a, HtmlReport.Context.of("t", "in", null, T), notes);
    }

    @Test
    void notesAndSuppressedGroups_appearInTheHtml() {
        List<String> g = new ArrayList<>();
        List<Boolean> d = new ArrayList<>();
        add(g, d, "R", 200, 100);
        add(g, d, "B", 100, 50);
        add(g, d, "tiny", 3, 1);
        String note = "g: 'M' (3, Latin), '\u041C' (2, Cyrillic) look alike <but> are different letters";
        String page = html(audit(g, d), List.of(note));
        assertTrue(page.contains("<section id=\"notes\">"), "no notes section");
        assertTrue(page.contains("<li class=\"note-item\">" + HtmlReport.esc(note) + "</li>"), page);
        assertTrue(page.contains("1 group suppressed for having fewer than 10 cases:<ul><li>by g: <bdi>tiny</bdi>"),
                page);
        // without suppressed groups the page says so, rather than saying nothing
        List<String> g2 = new ArrayList<>(g.subList(0, 300));
        String none = html(audit(g2, new ArrayList<>(d.subList(0, 300))), List.of());
        assertTrue(none.contains("No group suppressed for having fewer than 10 cases."), none);
    }

    @Test
    void longLabels_cutToTheSameBeginning_stayDistinguishable() {
        String one = "A".repeat(45) + " one";
        String two = "A".repeat(45) + " two";
        assertNotEquals(Display.label(one, 40), Display.label(two, 40));
        assertTrue(Display.label(one, 40).startsWith("A".repeat(40) + "\u2026#"), Display.label(one, 40));
        List<String> g = new ArrayList<>();
        List<Boolean> d = new ArrayList<>();
        add(g, d, "R", 300, 150);
        add(g, d, one, 100, 20); // same counts: the two sentences differ only by the label
        add(g, d, two, 100, 20);
        Audit a = audit(g, d);
        List<String> vsRef = a.findings().stream().filter(f -> f.check().equals("demographic_parity_ratio")
                && f.against().equals(List.of("R"))).map(Finding::sentence).toList();
        assertEquals(2, vsRef.size(), vsRef.toString());
        assertNotEquals(vsRef.get(0), vsRef.get(1));
        String page = html(a, List.of());
        assertTrue(page.contains("<bdi title=\"" + one + "\">") && page.contains("<bdi title=\"" + two + "\">"), page);
    }

    @Test
    void ratioOfExactlyZero_printsZero_andSmallPValuesStayBounded() {
        List<String> g = new ArrayList<>();
        List<Boolean> d = new ArrayList<>();
        add(g, d, "R", 200, 100);
        add(g, d, "Z", 100, 0); // nobody in Z selected: ratio 0/100 / 100/200 = 0 exactly
        String page = html(audit(g, d), List.of());
        assertTrue(page.contains("<td role=\"cell\" data-label=\"group\"><bdi>Z</bdi></td>"
                + "<td role=\"cell\" data-label=\"ratio\">0</td>"), page);
        assertFalse(page.contains("<bdi>Z</bdi></td><td role=\"cell\" data-label=\"ratio\">&lt;0.001</td>"), page);
        assertEquals("0", HtmlReport.num(0.0));
        assertEquals("&lt;0.001", HtmlReport.num(0.0004));
        assertEquals("&lt;0.001", HtmlReport.pValue(0.0), "a p-value that underflowed to 0 is not 'p = 0'");
    }

    @Test
    void bandLabels_areInNumericOrder_notTextOrder() {
        String[] ages = {"120", "2", "50", "7", "31", "100", "4", "64"};
        String[] banded = Bands.of(ages, 5, 30, 100);
        List<String> g = new ArrayList<>();
        List<Boolean> d = new ArrayList<>();
        for (String b : banded) {
            add(g, d, b, 20, 10);
        }
        Audit a = audit(g, d);
        // text order would be 100+, 30-100, 5-30, <5
        assertEquals(List.of(List.of("<5"), List.of("5-30"), List.of("30-100"), List.of("100+")),
                new ArrayList<>(a.counts().groups(List.of("g")).keySet()));
        String page = html(a, List.of());
        int table = page.indexOf("<table "); // the first table: selection rate by group, every group
        int lt5 = page.indexOf("<bdi>&lt;5</bdi>", table);
        int b530 = page.indexOf("<bdi>5-30</bdi>", table);
        int b30 = page.indexOf("<bdi>30-100</bdi>", table);
        int b100 = page.indexOf("<bdi>100+</bdi>", table);
        assertTrue(lt5 >= 0 && lt5 < b530 && b530 < b30 && b30 < b100, lt5 + " " + b530 + " " + b30 + " " + b100);
        // numbers before text, negative bands first, a plain number before the band starting at it
        List<String> mixed = new ArrayList<>(List.of("x", "10+", "<-5", "-5-10", "10", "(missing)"));
        mixed.sort(Bands.ORDER);
        assertEquals(List.of("<-5", "-5-10", "10", "10+", "(missing)", "x"), mixed);
    }
}
