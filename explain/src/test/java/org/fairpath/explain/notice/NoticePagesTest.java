package org.fairpath.explain.notice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fairpath.core.review.ReasonCodes;
import org.junit.jupiter.api.Test;

/** Notices and cards in every language: complete, self-contained, escaped. */
final class NoticePagesTest {

    private static final List<String> FORBIDDEN = List.of("<script", "src=", "href=", "url(", "@import", "http:",
            "https:", "//", "<link", "<img", "<iframe", "<object", "<embed", "<form");
    /** An element with an event-handler attribute (onload=, onerror=, ...). */
    private static final Pattern HANDLER = Pattern.compile("<[^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

    private static void selfContained(String where, String html) {
        String lower = html.toLowerCase(Locale.ROOT);
        for (String f : FORBIDDEN) {
            assertFalse(lower.contains(f), where + " contains '" + f + "'");
        }
        assertFalse(HANDLER.matcher(html).find(), where + " has an event handler");
        assertFalse(Messages.PLACEHOLDER.matcher(html).find(), where + " has an unfilled placeholder");
    }

    @Test
    void notice_inEveryLanguage_isAWholeSelfContainedPage_withEverySection() {
        for (String lang : NoticePreview.languages()) {
            String html = NoticePreview.noticeHtml(lang);
            String text = NoticePreview.noticeText(lang);
            selfContained("notice " + lang, html.replace("default-src 'none'; style-src 'unsafe-inline'", ""));
            assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"" + lang + "\">"), lang);
            assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                    + " style-src 'unsafe-inline'\">"), lang);
            assertEquals(1, count(html, "<h1>"), lang);
            assertEquals(6, count(html, "<h2 "), lang + ": data, reasons, decision, change, rights, contest");
            Messages m = Messages.of(lang);
            for (String key : List.of("notice.data.heading", "notice.reasons.heading", "notice.decision.heading",
                    "notice.change.heading", "notice.rights.heading", "notice.contest.heading",
                    "notice.decision.different", "notice.rights.explanation", "notice.rights.access",
                    "notice.rights.human", "notice.contest.review")) {
                assertTrue(text.contains(m.text(key)), lang + " text lacks " + key);
                assertTrue(html.contains(Html.escape(m.text(key))), lang + " html lacks " + key);
            }
            assertFalse(Messages.PLACEHOLDER.matcher(text).find(), lang + " text has an unfilled placeholder");
            assertFalse(text.contains("\r"), lang);
            // the recorded-but-unknown value and the contest deadline
            assertTrue(text.contains(m.text("value.unknown")), lang);
            assertTrue(text.contains(" 30 "), lang);
        }
    }

    @Test
    void card_inEveryLanguage_isAScopedFragment_withoutIds_orScripts() {
        Pattern selector = Pattern.compile("(?:^|})([^{}@]+)\\{");
        for (String lang : NoticePreview.languages()) {
            for (boolean assessFirst : new boolean[] {false, true}) {
                String html = NoticePreview.cardHtml(lang, assessFirst);
                String where = "card " + lang + (assessFirst ? " assess-first" : "");
                selfContained(where, html);
                assertTrue(html.startsWith("<section class=\"fpc\" lang=\"" + lang + "\""), where);
                assertFalse(html.contains(" id="), where + " has an id");
                assertFalse(html.contains("<html") || html.contains("<body") || html.contains("<h1"), where);
                String css = html.substring(html.indexOf("<style>") + 7, html.indexOf("</style>"));
                Matcher s = selector.matcher(css);
                int n = 0;
                while (s.find()) {
                    for (String one : s.group(1).split(",")) {
                        n++;
                        assertTrue(one.strip().equals(".fpc") || one.strip().startsWith(".fpc "),
                                where + ": selector '" + one + "' is not under .fpc");
                    }
                }
                assertTrue(n >= 10, where + " selectors: " + n);
                assertEquals(assessFirst, html.contains("<details class=\"fpc-reveal\">"), where);
                if (assessFirst) {
                    assertTrue(html.indexOf(Html.escape(Messages.of(lang).text("card.assess.text")))
                            < html.indexOf("<table"), where + ": the own-choice step comes before the suggestions");
                }
                // the reasons lead with this person's expected benefit in points, then the attributes
                ExplanationPayload p = NoticePreview.payload();
                Messages m = Messages.of(lang);
                int heading = html.indexOf(Html.escape(m.text("card.reasons.heading", "service",
                        NoticePreview.models().catalogue().service(p.topService()).label(m.locale()))));
                int lead = html.indexOf("<p>" + Html.escape(m.text("card.reasons.helps", "service",
                        NoticePreview.models().catalogue().service(p.topService()).label(m.locale()), "points",
                        m.points(p.reasons().uplift()), "base", m.signedPoints(p.reasons().baseUplift()))));
                assertTrue(heading > 0 && lead > heading && html.indexOf("<ul", lead) > lead, where);
                assertEquals(count(html, "<tr><td>"), count(html, "<th scope=\"row\">"), where);
            }
        }
    }

    @Test
    void recordedValues_andContact_areEscaped_andHidingCharactersShown() {
        assertEquals("&lt;b&gt; &amp; &quot;x&quot; &#39;y&#39; a[U+202E]b c[U+0000]d e[U+2028]f",
                Html.escape("<b> & \"x\" 'y' a\u202Eb c\u0000d e\u2028f"));
        assertEquals("<b> a[U+2066]b[U+000A]", Html.plain("<b> a\u2066b\n"));
        ExplanationPayload p = NoticePreview.payload();
        String top = p.topService();
        DecisionFacts d = new DecisionFacts(7, org.fairpath.core.Sha256.hex("x"), p.jobseeker(), p.modelVersion(),
                p.inputHash(), p.sha256(), "ACCEPTED", top, top, null);
        JobseekerNotice n = JobseekerNotice.of(p, d, new ContestChannel("<img src=x onerror=alert(1)> & Co", 14),
                previewModels(), ReasonCodes.defaults(), "en");
        assertTrue(n.html().contains("Contact &lt;img src=x onerror=alert(1)&gt; &amp; Co within 14 days"),
                n.html());
        assertFalse(n.html().contains("<img"));
        assertTrue(n.text().contains("Contact <img src=x onerror=alert(1)> & Co within 14 days"));
        assertTrue(n.text().contains(Messages.of("en").text("notice.decision.same")));
    }

    @Test
    void contestChannel_badValues_areRefused_namingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ContestChannel(" ", 30)).getMessage()
                .startsWith("contest contact is blank"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ContestChannel("Office\u202E", 30))
                .getMessage().contains("U+202E at position 7"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ContestChannel("a\nb", 30))
                .getMessage().contains("U+000A"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ContestChannel("x".repeat(201), 30))
                .getMessage().contains("201 characters; allowed: 1 to 200"));
        assertEquals("contest days is 0; allowed: 1 to 365",
                assertThrows(IllegalArgumentException.class, () -> new ContestChannel("Office", 0)).getMessage());
        assertEquals("contest days is 366; allowed: 1 to 365",
                assertThrows(IllegalArgumentException.class, () -> new ContestChannel("Office", 366)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ContestChannel(" Office", 5)).getMessage()
                .contains("starts or ends with spaces"));
    }

    @Test
    void payload_isCanonicalAscii_andTheSameUnderAnotherDefaultLocale() {
        Locale before = Locale.getDefault();
        String json = NoticePreview.payload().toJson();
        try {
            Locale.setDefault(new Locale("fi", "FI"));
            assertEquals(json, NoticePreview.payload().toJson());
            assertEquals(NoticePreview.noticeHtml("de"), withLocale(Locale.US, () -> NoticePreview.noticeHtml("de")));
        } finally {
            Locale.setDefault(before);
        }
        assertTrue(json.chars().allMatch(c -> c >= 0x20 && c < 0x7f), json);
        assertTrue(json.startsWith("{\"schemaVersion\":1,\"jobseeker\":\"js-preview\",\"modelVersion\":\""), json);
    }

    /** Oracle: hand-written exact decimals of binary fractions and of integral values. */
    @Test
    void canonicalNumbers_areExact_andJdkIndependent() {
        assertEquals("0.1", Canonical.number(0.1));
        assertEquals("1", Canonical.number(1.0));
        assertEquals("0", Canonical.number(-0.0));
        assertEquals("-0.000001", Canonical.number(-0.000001));
        assertEquals("0.333333", Canonical.number(1.0 / 3));
        assertEquals("null", Canonical.number(Double.NaN));
        assertEquals("2.5", Canonical.value(2.5));
        assertEquals("3", Canonical.value(3.0));
        assertEquals("true", Canonical.value(true));
        assertEquals(null, Canonical.value(null));
        StringBuilder sb = new StringBuilder();
        Canonical.write(sb, java.util.Map.of("k", "é\"\\\u202E"));
        assertEquals("{\"k\":\"\\u00e9\\\"\\\\\\u202e\"}", sb.toString());
    }

    private static String withLocale(Locale l, java.util.function.Supplier<String> s) {
        Locale before = Locale.getDefault();
        Locale.setDefault(l);
        try {
            return s.get();
        } finally {
            Locale.setDefault(before);
        }
    }

    private static org.fairpath.core.model.OutcomeModels previewModels() {
        return NoticePreview.models();
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
