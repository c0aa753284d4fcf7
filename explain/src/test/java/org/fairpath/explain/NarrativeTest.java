package org.fairpath.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.fairpath.core.Fixtures;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.Recommendation;
import org.fairpath.core.model.Recommender;
import org.fairpath.core.model.ServiceSuggestion;
import org.fairpath.core.model.TrainingCase;
import org.fairpath.core.model.TrainingSettings;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.junit.jupiter.api.Test;

final class NarrativeTest {

    private static final List<String> LANGUAGES = List.of("", "_fr", "_de", "_nl", "_fi");
    private static final CaseloadGenerator GEN = CaseloadGenerator.create(CaseloadSettings.withDefaults());
    private static final OutcomeModels MODELS = OutcomeModels.train(GEN.catalogue(), GEN.stream(6000)
            .map(c -> new TrainingCase(c.profile(), c.assignedService(), c.outcome())).toList(),
            TrainingSettings.withDefaults().withBags(10));

    private static Properties bundle(String suffix) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Narrative.class.getResourceAsStream("narratives" + suffix + ".properties")) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyLanguage_hasEveryMessage() throws IOException {
        Properties english = bundle("");
        for (String lang : LANGUAGES) {
            Properties p = bundle(lang);
            assertEquals(english.keySet(), p.keySet(), "narratives" + lang);
        }
    }

    @Test
    void reasons_inFiveLanguages_useLocalLabelsAndFlagProtectedInputs() {
        JobseekerProfile profile = Fixtures.profile("js-1", "age", 58, "months_unemployed", 20);
        Recommendation r = Recommender.of(MODELS).recommend(profile);
        String top = r.suggestions().get(0).serviceId();
        AdditiveExplanation e = Explainer.of(MODELS).explain(profile, top).orElseThrow();
        for (Locale l : List.of(Locale.ENGLISH, Locale.FRENCH, Locale.GERMAN, new Locale("nl"), new Locale("fi"))) {
            List<String> reasons = Narrative.of(MODELS.catalogue(), l).reasons(e, profile, top, 11);
            assertEquals(11, reasons.size());
            String service = MODELS.catalogue().service(top).label(l);
            assertTrue(reasons.stream().allMatch(s -> s.contains(service)), l + ": " + reasons);
            String age = MODELS.schema().attribute("age").label(l);
            String ageReason = reasons.stream().filter(s -> s.contains(age)).findFirst().orElseThrow();
            assertTrue(ageReason.endsWith(")") && ageReason.contains("58"), ageReason);
            // protected attributes that are not inputs are never named
            String gender = MODELS.schema().attribute("gender").label(l);
            assertFalse(reasons.stream().anyMatch(s -> s.contains(gender)), l + ": " + reasons);
        }
        List<String> en = Narrative.of(MODELS.catalogue(), Locale.ENGLISH).reasons(e, profile, top, 11);
        assertTrue(en.stream().anyMatch(s -> s.startsWith("Having been unemployed for 20 months")), en.toString());
        assertTrue(en.stream().anyMatch(s -> s.startsWith("Age (58)") && s.endsWith("(a protected attribute, used"
                + " only with a recorded justification)")), en.toString());
    }

    /** Oracle: local accuracy, the points of every attribute add up to the uplift minus the reference case's. */
    @Test
    void upliftReasons_leadWithTheBenefitInPoints_andThePointsAddUp() {
        JobseekerProfile profile = Fixtures.profile("js-7", "age", 58, "months_unemployed", 20);
        Recommendation r = Recommender.of(MODELS).recommend(profile);
        String top = r.suggestions().get(0).serviceId();
        Explainer.UpliftExplanation u = Explainer.of(MODELS).uplift(profile, top).orElseThrow();
        assertEquals(r.suggestions().get(0).uplift(), u.uplift(), 1e-9);
        double sum = u.baseUplift();
        for (AdditiveExplanation.Contribution c : u.difference()) {
            sum += u.points(c.attribute());
        }
        assertEquals(u.uplift(), sum, 1e-12);
        for (Locale l : List.of(Locale.ENGLISH, Locale.FRENCH, Locale.GERMAN, new Locale("nl"), new Locale("fi"))) {
            List<String> reasons = Narrative.of(MODELS.catalogue(), l).upliftReasons(u, profile, 3);
            assertEquals(4, reasons.size(), l.toString());
            assertFalse(reasons.stream().anyMatch(s -> s.contains("{") || s.contains("NaN")), reasons.toString());
        }
        List<String> en = Narrative.of(MODELS.catalogue(), Locale.ENGLISH).upliftReasons(u, profile, 3);
        String label = MODELS.catalogue().service(top).label(Locale.ENGLISH);
        assertTrue(en.get(0).startsWith(label + " is expected to " + (u.uplift() >= 0 ? "raise" : "lower")),
                en.get(0));
        String firstAttribute = MODELS.schema().attribute(u.top(1).get(0)).label(Locale.ENGLISH);
        assertTrue(en.get(1).startsWith(firstAttribute), en.toString());
    }

    @Test
    void whyNotAndUncertainty_inWords() {
        JobseekerProfile profile = Fixtures.profile("js-2", "months_unemployed", 2);
        Recommendation r = Recommender.of(MODELS).recommend(profile);
        Narrative en = Narrative.of(MODELS.catalogue(), Locale.ENGLISH);
        assertEquals("Intensive counselling is not available: not eligible: months unemployed is 2 (needs >= 6)",
                en.whyNot(r, "intensive_counselling"));
        ServiceSuggestion first = r.suggestions().get(0);
        assertEquals(MODELS.catalogue().service(first.serviceId()).label(Locale.ENGLISH) + " is the top suggestion.",
                en.whyNot(r, first.serviceId()));
        if (r.suggestions().size() > 1) {
            ServiceSuggestion second = r.suggestions().get(1);
            assertTrue(en.whyNot(r, second.serviceId()).contains("its expected benefit is"), en.whyNot(r,
                    second.serviceId()));
        }
        String u = en.uncertainty(first);
        assertTrue(u.startsWith("The expected benefit is") || u.startsWith("The service is expected to lower"), u);
        assertTrue(Narrative.of(MODELS.catalogue(), Locale.GERMAN).uncertainty(first).contains("Prozentpunkt"));
        // a language without a bundle falls back to English
        assertTrue(Narrative.of(MODELS.catalogue(), new Locale("sv")).uncertainty(first).startsWith("The "));
    }
}
