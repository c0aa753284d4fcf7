package org.fairpath.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairpath.core.Fixtures;
import org.fairpath.explain.notice.NoticePreview;
import org.fairpath.fairness.audit.Allocation;
import org.fairpath.fairness.audit.Audit;
import org.fairpath.fairness.audit.AuditPolicy;
import org.fairpath.fairness.audit.Windows;
import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.input.Bands;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.report.HtmlReport;
import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.Metric;
import org.junit.jupiter.api.Test;

/**
 * The people-facing HTML pages in a real browser: each page in each language is opened in headless Chromium at 320,
 * 1,000 and 1,920 pixels wide; axe-core (4.10.2, from the pinned Maven artefact) runs in it at 320 pixels; at every
 * width a full-page screenshot is taken and checked to be inked, and the rendered geometry is checked: no two pieces of text overlap, none is cut off
 * by the viewport or its chart, nothing scrolls sideways (see {@link PageChecks}). One browser serves every page.
 *
 * <p>A page whose defects are known (an image without alternative text, no language, overlapping text, a chart label
 * outside its chart, a table in a scrolling box) runs through the same checks first, and each check must find its
 * defect: a checker that finds nothing on it would pass anything. The same page has text in a closed
 * {@code <details>}, which Chromium still lays out (its client rects overlap the text after it) but does not draw:
 * it must not count.
 *
 * <p>Under CI ({@code CI} set) a missing Chromium or axe-core fails the test; elsewhere the test is skipped with the
 * reason. Screenshots and the axe counts are left in {@code examples/target/accessibility/}.
 */
final class AccessibilityTest {

    static final int[] WIDTHS = {320, 1000, 1920};
    /** The width axe-core runs at. */
    static final int AXE_WIDTH = 320;
    static final List<String> LANGUAGES = List.of("en", "fr", "de", "nl", "fi");

    /**
     * The pages to check, by name. To check another page, add one line here: its name and a function that writes
     * its HTML for a language.
     */
    static Map<String, PageSource> pages() {
        Map<String, PageSource> p = new LinkedHashMap<>();
        p.put("report", AccessibilityTest::reportPage);
        p.put("notice", l -> NoticePreview.noticeHtml(l.getLanguage()));
        p.put("card", l -> NoticePreview.cardPage(l.getLanguage(), false));
        p.put("card-assess-first-opened", l -> opened(NoticePreview.cardPage(l.getLanguage(), true)));
        return p;
    }

    /**
     * The assess-first card with its suggestions revealed (every {@code <details>} opened), so the part a counsellor
     * sees after recording a choice is measured too; closed, it is not drawn and the geometry would skip it.
     */
    static String opened(String html) {
        String open = html.replace("<details", "<details open");
        assertTrue(open.contains("<details open"), "the assess-first card has no <details> to open");
        return open;
    }

    /** Writes one page in one language. */
    @FunctionalInterface
    interface PageSource {
        String html(Locale language) throws Exception;
    }

    /** The audit report on german_credit.csv (real data): findings, charts, allocation, a trend, a suppressed group. */
    static String reportPage(Locale language) throws IOException {
        var rows = Fixtures.readSharedCsv("german_credit.csv");
        String[] sex = rows.stream().map(r -> r.get("sex")).toArray(String[]::new);
        String[] age = Bands.of(rows.stream().map(r -> r.get("age")).toArray(String[]::new), 26, 70);
        boolean[] good = new boolean[rows.size()];
        for (int i = 0; i < good.length; i++) {
            good[i] = rows.get(i).get("class").equals("good");
        }
        AuditData data = AuditData.builder().group("sex", sex).group("age", age).decisions(good).build();
        AuditSettings settings = AuditSettings.withDefaults();
        Audit audit = Audit.run(AuditCounts.of(data, 2), settings, AuditPolicy.withDefaults());
        String[] purpose = rows.stream().map(r -> r.get("purpose")).toArray(String[]::new);
        String[] quarter = new String[rows.size()];
        for (int i = 0; i < quarter.length; i++) {
            quarter[i] = "2026-Q" + (1 + i * 4 / rows.size());
        }
        HtmlReport.Context ctx = new HtmlReport.Context(HtmlReport.phrase(language, "title.audit",
                "german_credit.csv"), "german_credit.csv", "ab".repeat(32), Instant.parse("2026-11-22T12:00:00Z"),
                List.of(new HtmlReport.Shares(HtmlReport.phrase(language, "caption.services", "sex"),
                        Allocation.of("sex", sex, purpose, settings)),
                        new HtmlReport.Shares(HtmlReport.phrase(language, "caption.services", "age"),
                                Allocation.of("age", age, purpose, settings))),
                Metric.SELECTION_RATE,
                Map.of("sex", Windows.trend(data, quarter, Metric.SELECTION_RATE, List.of("sex"), settings),
                        "age", Windows.trend(data, quarter, Metric.SELECTION_RATE, List.of("age"), settings)));
        return HtmlReport.render(audit, ctx, List.of("sex: read as written"), language);
    }

    /** A page with one known defect for each check. */
    static final String DEFECTIVE = """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>defects</title></head><body>
            <p><img src="missing.png" width="20" height="20"></p>
            <div style="position:relative;height:40px">
              <span style="position:absolute;left:0;top:0">overlap one</span>
              <span style="position:absolute;left:12px;top:3px">overlap two</span>
            </div>
            <div style="width:120px;overflow-x:auto"><table><tr><td>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</td></tr></table></div>
            <svg width="100" height="30"><text x="60" y="20">clipped chart label</text></svg>
            <details><summary>more</summary><p>hidden text one</p><p>hidden text two</p></details>
            <p>shown text after the closed details</p>
            </body></html>
            """;

    @Test
    void pages_inEveryLanguage_haveNoSeriousAxeViolationsNoOverlapsAndNoClipping() throws Exception {
        boolean ci = System.getenv("CI") != null;
        String axe = PageChecks.axeSource();
        if (!Chromium.available() || axe == null) {
            String why = !Chromium.available() ? "Chromium is not installed at " + Chromium.BINARY
                    + " (.ci/run installs Debian's chromium)" : "axe.min.js is not on the test class path";
            assertFalse(ci, "CI must run the accessibility test: " + why);
            assumeTrue(false, why + "; the accessibility test is skipped outside CI");
        }
        Path out = Files.createDirectories(Path.of("target", "accessibility"));
        List<PageChecks.Result> results = new ArrayList<>();
        try (Chromium browser = Chromium.start(Files.createTempDirectory("fairpath-chromium"))) {
            Chromium.Tab tab = browser.open();
            // the checker first: it must find each defect of the defective page
            Path bad = out.resolve("defective.html");
            Files.writeString(bad, DEFECTIVE);
            tab.load(bad);
            PageChecks.Result r = PageChecks.check(tab, "defective", 1000, axe, out);
            assertTrue(r.overlaps().stream().anyMatch(o -> o.contains("overlap one") && o.contains("overlap two")),
                    "the overlap check missed overlapping text: " + r.overlaps());
            assertTrue(r.clipped().contains("clipped chart label (svg)"), "the clip check missed: " + r.clipped());
            assertTrue(r.overlaps().stream().noneMatch(o -> o.contains("hidden text")),
                    "text in a closed <details> is not drawn, so it cannot overlap: " + r.overlaps());
            assertTrue(r.scrollers().stream().anyMatch(s -> s.startsWith("div ")), "the scroll check missed: "
                    + r.scrollers());
            assertTrue(r.seriousOrCritical().stream().anyMatch(v -> v.startsWith("image-alt"))
                    && r.seriousOrCritical().stream().anyMatch(v -> v.startsWith("html-has-lang")),
                    "axe missed a known violation: " + r.seriousOrCritical());

            for (Map.Entry<String, PageSource> page : pages().entrySet()) {
                for (String lang : LANGUAGES) {
                    String name = page.getKey() + "-" + lang;
                    Path file = out.resolve(name + ".html");
                    Files.writeString(file, page.getValue().html(Locale.forLanguageTag(lang)));
                    tab.load(file);
                    for (int width : WIDTHS) {
                        // axe once per page and language, at the narrowest width, where tables reflow (its rules do
                        // not depend on the width otherwise; running it at every width tripled the test's time)
                        results.add(PageChecks.check(tab, name, width, width == AXE_WIDTH ? axe : null, out));
                    }
                }
            }
        }
        StringBuilder summary = new StringBuilder("page\twidth\ttext boxes\taxe violations (nodes by impact)\n");
        for (PageChecks.Result r : results) {
            summary.append(r.page()).append('\t').append(r.width()).append('\t').append(r.textBoxes()).append('\t')
                    .append(r.width() != AXE_WIDTH ? "(not run)" : r.axeByImpact().isEmpty() ? "none"
                    : r.axeByImpact() + " " + r.axeRules()).append('\n');
        }
        Files.writeString(out.resolve("axe-summary.tsv"), summary);
        System.out.print(summary);
        List<String> problems = new ArrayList<>();
        for (PageChecks.Result r : results) {
            String at = r.page() + " at " + r.width() + " px: ";
            if (!r.seriousOrCritical().isEmpty()) {
                problems.add(at + "axe serious/critical " + r.seriousOrCritical());
            }
            if (!r.overlaps().isEmpty()) {
                problems.add(at + r.overlaps().size() + " overlapping text boxes " + Chromium.firstOf(r.overlaps(), 5));
            }
            if (!r.clipped().isEmpty()) {
                problems.add(at + r.clipped().size() + " clipped text boxes " + Chromium.firstOf(r.clipped(), 5));
            }
            if (!r.scrollers().isEmpty()) {
                problems.add(at + "content scrolls sideways " + Chromium.firstOf(r.scrollers(), 5));
            }
            if (r.shotWidth() != r.expectedShotWidth() || r.inked() * 50 < r.sampled() || r.colours() < 20) {
                problems.add(at + "screenshot " + r.shotWidth() + "x" + r.shotHeight() + " nearly blank: " + r.inked()
                        + " of " + r.sampled() + " sampled pixels inked, " + r.colours() + " colours");
            }
            if (r.textBoxes() < 50) {
                problems.add(at + "only " + r.textBoxes() + " text boxes measured");
            }
        }
        assertEquals(List.of(), problems, String.join("\n", problems));
    }
}
