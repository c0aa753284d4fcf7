package org.fairpath.fairness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: the defects a new user found in the report, each checked on the page built from german_credit.csv (real
 * data), in every language. How the page looks in a browser is checked by the examples module's AccessibilityTest.
 */
final class ReportDefectsTest {

    private static final Pattern TICK = Pattern.compile("<text class=\"tick\" text-anchor=\"middle\" x=\"[^\"]+\" "
            + "y=\"[^\"]+\">([^<]*)</text>");

    @Test
    void everyLanguage_rendersWithItsOwnWords() throws Exception {
        for (String lang : Messages.LANGUAGES) {
            String page = HtmlReportTest.germanCreditPage(Locale.forLanguageTag(lang));
            assertTrue(page.contains("<html lang=\"" + lang + "\">"), lang);
            Messages m = Messages.of(Locale.forLanguageTag(lang));
            for (String key : List.of("section.findings", "section.notes", "section.allocation", "findings.note",
                    "th.interval", "chart.parity", "section.provenance")) {
                assertTrue(page.contains(m.text(key).replace("'", "&#39;")) || page.contains(m.text(key)),
                        lang + " page lacks " + key + ": " + m.text(key));
            }
            if (!lang.equals("en")) {
                for (String english : List.of(">Findings<", ">Reading the input<", "parity<",
                        "Selection rate by", "Selection-rate ratio against", "suppressed: the group has")) {
                    assertFalse(page.contains(english), lang + " page has English '" + english + "'");
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> HtmlReportTest.germanCreditPage(Locale.ITALIAN));
    }

    /**
     * The statistics' notes are translated by matching their English text; the English message file holds that text,
     * so a change of wording in the statistics fails here instead of silently leaving the note in English.
     */
    @Test
    void statisticsNotes_matchTheirEnglishText_andAreTranslated() {
        Messages en = Messages.of(Locale.ENGLISH);
        assertEquals(org.fairpath.fairness.stats.Estimate.suppressed(7, 10, 0.95).undefinedReason(),
                en.format("note.suppressed", "cases", "7", "min", "10"));
        for (org.fairpath.fairness.stats.Metric metric : org.fairpath.fairness.stats.Metric.values()) {
            String reason = metric.undefinedReason();
            for (String lang : Messages.LANGUAGES.subList(1, Messages.LANGUAGES.size())) {
                String shown = HtmlReport.noteCell(Messages.of(Locale.forLanguageTag(lang)), reason);
                assertFalse(shown.contains("lang=\"en\""), lang + " leaves '" + reason + "' in English");
            }
        }
        assertEquals("<span lang=\"en\">something new</span>",
                HtmlReport.noteCell(Messages.of(Locale.GERMAN), "something new"), "unknown notes stay English, marked");
        assertEquals("ausgeblendet: Die Gruppe hat 7 Fälle, weniger als das Minimum von 10, das berichtet werden darf",
                HtmlReport.noteCell(Messages.of(Locale.GERMAN),
                        org.fairpath.fairness.stats.Estimate.suppressed(7, 10, 0.95).undefinedReason()));
    }

    /** The decision directions of a log report are the library's words, so they are translated; service ids are data. */
    @Test
    void decisionDirections_areTranslated_serviceIdsAreNot() {
        List<String> directions = List.of(org.fairpath.fairness.audit.OverrideAudit.ACCEPTED,
                org.fairpath.fairness.audit.OverrideAudit.MORE_INTENSIVE,
                org.fairpath.fairness.audit.OverrideAudit.SAME_INTENSITY,
                org.fairpath.fairness.audit.OverrideAudit.LESS_INTENSIVE,
                org.fairpath.fairness.audit.OverrideAudit.REJECTED, "none");
        for (String d : directions) {
            assertEquals(d, HtmlReport.category(Messages.of(Locale.ENGLISH), d), "English is the library's own text");
            for (String lang : Messages.LANGUAGES.subList(1, Messages.LANGUAGES.size())) {
                String shown = HtmlReport.category(Messages.of(Locale.forLanguageTag(lang)), d);
                assertFalse(shown.equals(d), lang + " leaves '" + d + "' in English");
            }
        }
        assertEquals("dérogation vers un service moins intensif", HtmlReport.category(Messages.of(Locale.FRENCH),
                org.fairpath.fairness.audit.OverrideAudit.LESS_INTENSIVE));
        assertEquals("wage_subsidy", HtmlReport.category(Messages.of(Locale.GERMAN), "wage_subsidy"));
        assertEquals("&lt;b&gt;", HtmlReport.category(Messages.of(Locale.GERMAN), "<b>"));
    }

    /** "p = &lt;0.001" read as "p equals less than"; the caption says "p &lt; 0.001". */
    @Test
    void allocationCaption_saysPLessThan_notPEqualsLessThan() throws Exception {
        for (String lang : Messages.LANGUAGES) {
            String page = HtmlReportTest.germanCreditPage(Locale.forLanguageTag(lang));
            assertFalse(page.contains("p = &lt;"), lang);
        }
        Messages en = Messages.of(Locale.ENGLISH);
        assertEquals("p &lt; 0.001", HtmlReport.pStatement(en, 0.0));
        assertEquals("p &lt; 0.001", HtmlReport.pStatement(en, 0.00099));
        assertEquals("p = 0.001", HtmlReport.pStatement(en, 0.001));
        assertEquals("p = 0,042", HtmlReport.pStatement(Messages.of(Locale.GERMAN), 0.042));
    }

    /** The ratio chart's axis on german_credit: the allowed range reaches 1/0.8 = 1.25, so 0 to 1.25 by 0.25. */
    @Test
    void ratioAxis_hasRoundTicks() throws Exception {
        String page = HtmlReportTest.germanCreditPage();
        int start = page.indexOf("<figcaption>Selection-rate ratio against male</figcaption>");
        String svg = page.substring(start, page.indexOf("</svg>", start));
        List<String> ticks = new ArrayList<>();
        Matcher t = TICK.matcher(svg);
        while (t.find()) {
            ticks.add(t.group(1));
        }
        assertEquals(List.of("0", "0.25", "0.5", "0.75", "1", "1.25"), ticks);
        // both ends of the allowed range are drawn (fresh-eyes finding: over-selection looked like a pass)
        assertTrue(svg.contains(">policy 0.80</text>") && svg.contains(">policy 1.25</text>"), svg);
        int rate = page.indexOf("<figcaption>Selection rate by sex</figcaption>");
        List<String> pct = new ArrayList<>();
        Matcher p = TICK.matcher(page.substring(rate, page.indexOf("</svg>", rate)));
        while (p.find()) {
            pct.add(p.group(1));
        }
        assertEquals(List.of("0%", "25%", "50%", "75%", "100%"), pct);
    }

    /** The trend chart: an axis from 0%, and an interval line for every point drawn. */
    @Test
    void trendChart_startsAtZero_andShowsIntervals() throws Exception {
        String page = HtmlReportTest.germanCreditPage();
        int start = page.indexOf("<figcaption>By sex over time</figcaption>");
        String svg = page.substring(start, page.indexOf("</svg>", start));
        assertTrue(svg.contains("class=\"baseline\"") && svg.contains(">0%</text>"), svg);
        int points = svg.split("<circle ").length - 1;
        int intervals = svg.split("<line class=\"interval\"").length - 1;
        assertEquals(8, points, "2 groups x 4 quarters");
        assertEquals(points, intervals);
        // the table gives each window's interval too
        int table = page.indexOf("<table ", start);
        assertTrue(Pattern.compile("data-label=\"female\">\\d+\\.\\d% \\(\\d+\\.\\d% – \\d+\\.\\d%\\)</td>")
                .matcher(page.substring(table, page.indexOf("</table>", table))).find(), "rate (interval) per window");
    }
}
