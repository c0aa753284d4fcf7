package org.fairpath.explain.notice;

import java.util.List;
import java.util.Map;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Sha256;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.TrainingCase;
import org.fairpath.core.model.TrainingSettings;
import org.fairpath.core.review.ReasonCodes;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;

/**
 * A notice and a card for one synthetic case, in each language, for previews, documentation and accessibility tests
 * of the pages themselves. Models are trained once per JVM on 6,000 cases of the seeded synthetic caseload (5 bags,
 * so intervals show); the case is a jobseeker whose digital skills are not recorded (so a caution shows) and whose
 * counsellor overrode the first suggestion (so the decision differs). Nothing here is a real person or decision.
 */
public final class NoticePreview {

    /** The contest channel the previews show. */
    public static final ContestChannel CONTACT = new ContestChannel(
            "Employment office North, Main Street 1, 00100 Example Town, tel. +358 00 000 0000", 30);

    private static OutcomeModels models;

    private NoticePreview() {
    }

    static synchronized OutcomeModels models() {
        if (models == null) {
            CaseloadGenerator gen = CaseloadGenerator.create(CaseloadSettings.withDefaults());
            models = OutcomeModels.train(gen.catalogue(), gen.stream(6000)
                    .map(c -> new TrainingCase(c.profile(), c.assignedService(), c.outcome())).toList(),
                    TrainingSettings.withDefaults().withBags(5));
        }
        return models;
    }

    /** The languages: {@code en, fr, de, nl, fi}. */
    public static List<String> languages() {
        return Messages.LANGUAGES;
    }

    /** The synthetic case's explanation payload. */
    public static ExplanationPayload payload() {
        return ExplanationPayload.compute(models(), profile());
    }

    /** The synthetic case's profile. */
    static JobseekerProfile profile() {
        OutcomeModels m = models();
        Map<String, Object> v = new java.util.LinkedHashMap<>();
        v.put("age", 41);
        v.put("gender", "female");
        v.put("citizenship_group", "non_eu");
        v.put("disability", false);
        v.put("education_level", "lower_secondary");
        v.put("months_unemployed", 14);
        v.put("months_employed_last_5y", 30);
        v.put("language_level", "b1");
        v.put("region", "north");
        v.put("care_duties", true);
        v.put("driving_licence", false);
        v.put("digital_skills", null);
        v.put("previous_programme", false);
        v.put("occupation_group", "services_sales");
        return JobseekerProfile.of(m.schema(), "js-preview", v);
    }

    /**
     * The notice in {@code language} as an HTML page.
     *
     * @throws IllegalArgumentException if the language is not one of {@link #languages()}
     */
    public static String noticeHtml(String language) {
        return notice(language).html();
    }

    /** The notice in {@code language} as plain text. */
    public static String noticeText(String language) {
        return notice(language).text();
    }

    /** The counsellor card in {@code language} as an HTML fragment (assess-first or not). */
    public static String cardHtml(String language, boolean assessFirst) {
        return CounsellorCard.of(payload(), models(), assessFirst, language).html();
    }

    /**
     * The card wrapped in a minimal page ({@code lang}, title, {@code main}), as a host system would embed it, for
     * tools that check whole pages.
     */
    public static String cardPage(String language, boolean assessFirst) {
        Messages m = Messages.of(language);
        return "<!DOCTYPE html>\n<html lang=\"" + language + "\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
                + Html.escape(m.text("card.title")) + "</title>\n</head>\n<body>\n<main>\n"
                + cardHtml(language, assessFirst) + "</main>\n</body>\n</html>\n";
    }

    private static JobseekerNotice notice(String language) {
        ExplanationPayload p = payload();
        String top = p.topService();
        String other = p.suggestions().size() > 1 ? p.suggestions().get(1).service() : null;
        DecisionFacts d = new DecisionFacts(42, Sha256.hex("preview decision record"), p.jobseeker(),
                p.modelVersion(), p.inputHash(), p.sha256(), other == null ? "REJECTED" : "OVERRIDDEN", top, other,
                "PROFESSIONAL_JUDGEMENT");
        return JobseekerNotice.of(p, d, CONTACT, models(), ReasonCodes.defaults(), language);
    }
}
