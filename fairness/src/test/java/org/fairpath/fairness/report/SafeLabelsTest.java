package org.fairpath.fairness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.fairpath.fairness.audit.Audit;
import org.fairpath.fairness.audit.AuditPolicy;
import org.fairpath.fairness.audit.Finding;
import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.input.Display;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.stats.AuditCounts;
import org.junit.jupiter.api.Test;

/** Issue 13: crafted labels cannot clear a terminal, reverse a FAIL sentence, or push numbers off-screen. */
final class SafeLabelsTest {

    private static final String RLO = "\u202Eliaf";
    private static final String LONG = "x".repeat(5000);
    private static final String ESC = "\u001B[2J\u001B[HALL GROUPS PASS";

    private static Audit audit() {
        int n = 300;
        String[] g = new String[3 * n];
        boolean[] d = new boolean[3 * n];
        for (int i = 0; i < n; i++) {
            g[i] = RLO;
            d[i] = false; // never selected: a FAIL against the reference
            g[n + i] = LONG;
            d[n + i] = i % 2 == 0;
            g[2 * n + i] = ESC;
            d[2 * n + i] = i % 2 == 1;
        }
        g[0] = "ref";
        AuditData data = AuditData.builder().group("g", g).decisions(d).build();
        return Audit.run(AuditCounts.of(data, 1), AuditSettings.withDefaults(), AuditPolicy.withDefaults());
    }

    @Test
    void sentences_escapeControlAndBidiCharacters_andCutLongLabels() {
        for (Finding f : audit().findings()) {
            assertTrue(f.sentence().chars().noneMatch(c -> c == 0x1B || c == 0x202E), f.sentence());
            assertTrue(f.sentence().length() < 400, f.sentence());
        }
        assertEquals("\\u202Eliaf", Display.safe(RLO));
        assertTrue(Display.label(LONG, 40).startsWith("x".repeat(40) + "\u2026#"), Display.label(LONG, 40));
    }

    @Test
    void html_isolatesLabelsInBdi_withTheFullTextInATitle() {
        Audit a = audit();
        String html = HtmlReport.render(a, HtmlReport.Context.of("t", "in", "ab".repeat(32),
                Instant.parse("2026-12-03T00:00:00Z")));
        assertFalse(html.contains("\u202E"), "a raw RLO reached the page");
        assertFalse(html.contains("\u001B"), "a raw escape reached the page");
        Finding fail = a.findings().stream().filter(f -> f.level() == Finding.Level.FAIL).findFirst().orElseThrow();
        String sentence = HtmlReport.sentence(fail);
        assertTrue(sentence.contains("&#39;<bdi title=\"\\u202Eliaf\">\\u202Eliaf</bdi>&#39;"), sentence);
        assertTrue(html.contains("<bdi title=\"" + LONG + "\">" + "x".repeat(60) + "\u2026#"),
                "a long label is cut in tables with its full text in the title");
        String shown = html.replace("<title>" + LONG + "</title>", "").replace("title=\"" + LONG + "\"", "");
        assertFalse(shown.contains(LONG), "the 5,000-character label appears uncut outside a title");
    }
}
