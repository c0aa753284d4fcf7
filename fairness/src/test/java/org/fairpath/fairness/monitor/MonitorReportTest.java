package org.fairpath.fairness.monitor;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MonitorReportTest {

    /** A label from the data must neither inject markup nor reverse the page's text with a bidi control. */
    @Test
    void html_neutralisesMarkupControlAndBidiCharactersInDataLabels() {
        String label = "region\u202E<script>alert(1)</script>\u001B[2J";
        MonitorReport.Drift drift = new MonitorReport.Drift(label, "chi-squared", 12.5, 0.001, 0.01, 0.3, 400,
                List.of("x\u202Ey"), true);
        MonitorReport.Window w = new MonitorReport.Window(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-02-01T00:00:00Z"), 400, true, List.of(drift));
        MonitorReport report = new MonitorReport(MonitorPolicy.withDefaults(), List.of(label), List.of(w));
        String page = report.toHtml("v\u202E1", "in\u2066put.csv");
        assertFalse(page.contains("\u202E"), "a raw right-to-left override reached the page");
        assertFalse(page.contains("\u2066"), "a raw bidi isolate reached the page");
        assertFalse(page.contains("\u001B"), "a raw escape character reached the page");
        assertFalse(page.contains("<script>"), "markup from a label reached the page");
        assertTrue(page.contains("\\u202E"), "the bidi control is shown as \\u202E");
        assertTrue(page.contains("&lt;script&gt;"), page);
    }
}
