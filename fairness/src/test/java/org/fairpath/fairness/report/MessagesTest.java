package org.fairpath.fairness.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Issue 17: one message file per report language, each complete on its own. */
final class MessagesTest {

    @Test
    void everyKey_isInEveryLanguage_withTheSamePlaceholders() {
        Map<String, String> en = Messages.load("en");
        List<String> problems = new ArrayList<>();
        for (String lang : Messages.LANGUAGES) {
            Map<String, String> m = Messages.load(lang);
            TreeSet<String> missing = new TreeSet<>(en.keySet());
            missing.removeAll(m.keySet());
            TreeSet<String> extra = new TreeSet<>(m.keySet());
            extra.removeAll(en.keySet());
            if (!missing.isEmpty() || !extra.isEmpty()) {
                problems.add(lang + ": missing " + missing + ", not in English " + extra);
            }
            for (Map.Entry<String, String> e : m.entrySet()) {
                if (e.getValue().isBlank()) {
                    problems.add(lang + ": '" + e.getKey() + "' is empty");
                }
                if (en.containsKey(e.getKey()) && !Messages.placeholders(e.getValue())
                        .equals(Messages.placeholders(en.get(e.getKey())))) {
                    problems.add(lang + ": '" + e.getKey() + "' uses " + Messages.placeholders(e.getValue())
                            + ", English " + Messages.placeholders(en.get(e.getKey())));
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** A file copied from English and left untranslated would pass the key check; this one would not. */
    @Test
    void otherLanguages_areTranslated_notCopiesOfEnglish() {
        Map<String, String> en = Messages.load("en");
        for (String lang : Messages.LANGUAGES.subList(1, Messages.LANGUAGES.size())) {
            Map<String, String> m = Messages.load(lang);
            List<String> same = en.keySet().stream().filter(k -> en.get(k).equals(m.get(k))).toList();
            // a few are the same words in both (e.g. "interval" in Dutch, the decimal point's placeholder texts)
            assertTrue(same.size() <= 8, lang + " has " + same.size() + " texts identical to English: " + same);
        }
    }

    @Test
    void unknownLanguage_isRefused_namingItAndTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Messages.of(Locale.forLanguageTag("sv")));
        assertEquals("report language 'sv' is not available; known: [en, fr, de, nl, fi]", e.getMessage());
        assertEquals("de", Messages.of(Locale.forLanguageTag("de-AT")).language(), "a region keeps its language");
    }

    @Test
    void numbers_followTheLanguage() {
        assertEquals("12.5%", Messages.of(Locale.ENGLISH).percent(0.125));
        assertEquals("12,5\u00a0%", Messages.of(Locale.FRENCH).percent(0.125));
        assertEquals("25\u00a0%", Messages.of(Locale.GERMAN).percentTick(0.25));
        assertEquals("0,80", Messages.of(Locale.forLanguageTag("nl")).decimal(0.8, 2));
        assertEquals("\u22120,05", Messages.of(Locale.forLanguageTag("fi")).decimal(-0.05, 2));
        assertEquals("0.0", Messages.of(Locale.ENGLISH).decimal(-0.00001, 1), "no minus zero");
        // a confidence level is never rounded to 100% or 0% (fresh-eyes finding: "100,0 %" for 0.99999)
        assertEquals("99.999%", Messages.of(Locale.ENGLISH).percentExact(0.99999));
        assertEquals("0,001\u00a0%", Messages.of(Locale.FRENCH).percentExact(0.00001));
        assertEquals("95%", Messages.of(Locale.ENGLISH).percentExact(0.95));
    }

    @Test
    void format_refusesAMissingOrUnusedPlaceholder() {
        Messages m = Messages.of(Locale.ENGLISH);
        assertEquals("By sex", m.format("section.by", "grouping", "sex"));
        assertThrows(IllegalStateException.class, () -> m.format("section.by"));
        assertThrows(IllegalStateException.class, () -> m.format("section.by", "grouping", "sex", "other", "x"));
        assertFalse(m.has("no.such.key"));
        assertThrows(IllegalStateException.class, () -> m.text("no.such.key"));
    }
}
