package org.fairpath.explain.notice;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.fairpath.core.Attribute;
import org.fairpath.core.AttributeType;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Sha256;
import org.fairpath.core.log.LogRecord;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.review.ReasonCodes;

/**
 * A plain-language notice to a jobseeker about one decision, in English, French, German, Dutch or Finnish: the model
 * inputs as recorded, the main reasons for the first suggestion (its expected benefit first), the counsellor's
 * decision and whether it differs from the suggestion, one change to actionable facts that would alter the
 * suggestion, the jobseeker's rights (AI Act Art. 86, GDPR Art. 15(1)(h) and 22(3)) and how to contest.
 *
 * <p>As a printable HTML page ({@link #html()}: {@code lang} set, semantic sections and tables, inline CSS, no
 * scripts, a Content-Security-Policy that forbids loading anything, every recorded value escaped with hiding
 * characters shown as {@code [U+XXXX]}) and as plain text ({@link #text()}). The output depends only on the
 * payload, the decision record, the bundle's labels, the contest channel and the language: no clock, default
 * locale or default charset, so {@link #replay} reproduces it byte for byte. Immutable.
 */
public final class JobseekerNotice {

    private final String html;
    private final String text;

    private JobseekerNotice(String html, String text) {
        this.html = html;
        this.text = text;
    }

    /** The languages available: {@code en, fr, de, nl, fi}. */
    public static List<String> languages() {
        return Messages.LANGUAGES;
    }

    /**
     * The notice for the decision {@code decision} made on the explanation {@code payload}.
     *
     * @param models  the bundle (for attribute and service labels)
     * @param reasons the reason codes (for the override or rejection reason's label)
     * @throws IllegalArgumentException if the payload is not the one the decision record names (jobseeker, model
     *                                  version, input hash, first suggestion or explanation hash differ), a reason
     *                                  code is unknown, or the language is not available
     */
    public static JobseekerNotice of(ExplanationPayload payload, DecisionFacts decision, ContestChannel contest,
                                     OutcomeModels models, ReasonCodes reasons, String language) {
        Objects.requireNonNull(contest, "contest");
        Messages m = Messages.of(language);
        match(payload, decision);
        return render(payload, decision, contest, models, reasons, m);
    }

    /**
     * Regenerates the notice of a logged decision from the record, the bundle and the profile (which the case
     * system keeps; the record holds only its hash): checks that the bundle is the one that made the suggestion,
     * that the profile is the one decided on, and that the recomputed explanation payload has the hash the record
     * keeps, then renders. The result is byte-identical to the notice made at decision time with the same contest
     * channel and language.
     *
     * @throws IllegalArgumentException if the record is not a decision with an explanation hash, its hash does not
     *                                  match its content (an edited record), or the bundle or profile is not the one
     *                                  the record names
     * @throws IllegalStateException    if the recomputed explanation differs from the one the record says was shown
     *                                  (a doctored record, or a bundle that no longer computes the same): no notice
     *                                  is made rather than a different one
     */
    public static JobseekerNotice replay(LogRecord record, OutcomeModels models, JobseekerProfile profile,
                                         ContestChannel contest, ReasonCodes reasons, String language) {
        Objects.requireNonNull(contest, "contest");
        Messages m = Messages.of(language);
        String content = org.fairpath.core.log.RecordCodec.encode(record.sequence(), record.time(), record.type(),
                record.previous(), record.body()).hash();
        if (!content.equals(record.hash())) {
            throw new IllegalArgumentException("record " + record.sequence() + " has been edited: its hash does not"
                    + " match its content. Read it from a log that verifies");
        }
        DecisionFacts d = DecisionFacts.of(record);
        if (!models.version().equals(d.modelVersion())) {
            throw new IllegalArgumentException("record " + d.sequence() + " was decided with model " + d.modelVersion()
                    + "; this bundle is model " + models.version() + ". Replay needs the bundle that made the"
                    + " suggestion");
        }
        String input = Sha256.hex(profile.toJson());
        if (!input.equals(d.inputHash())) {
            throw new IllegalArgumentException("record " + d.sequence() + " was decided on a profile with input hash "
                    + d.inputHash() + "; this profile's is " + input + " (a changed or other profile)");
        }
        ExplanationPayload p = ExplanationPayload.compute(models, profile);
        if (!p.sha256().equals(d.explanationHash())) {
            throw new IllegalStateException("record " + d.sequence() + " says the explanation shown had hash "
                    + d.explanationHash() + "; recomputed from this bundle and profile it has " + p.sha256()
                    + ". The record or the bundle is not what it was; no notice is made");
        }
        match(p, d);
        return render(p, d, contest, models, reasons, m);
    }

    private static void match(ExplanationPayload p, DecisionFacts d) {
        String problem = !p.jobseeker().equals(d.jobseeker()) ? "jobseeker"
                : !p.modelVersion().equals(d.modelVersion()) ? "model version"
                : !p.inputHash().equals(d.inputHash()) ? "input hash"
                : !Objects.equals(p.topService(), d.suggested()) ? "first suggestion"
                : !p.sha256().equals(d.explanationHash()) ? "explanation hash" : null;
        if (problem != null) {
            throw new IllegalArgumentException("the explanation payload is not the one decision record "
                    + d.sequence() + " shows: its " + problem + " differs");
        }
    }

    private static JobseekerNotice render(ExplanationPayload p, DecisionFacts d, ContestChannel contest,
                                          OutcomeModels models, ReasonCodes reasons, Messages m) {
        Labels l = new Labels(models, m);
        Page page = new Page(m.language(), m.text("notice.title"));
        page.paragraph(m.text("notice.intro"));
        page.reference(m.text("notice.reference", "reference", d.reference()));

        page.section(m.text("notice.data.heading")).paragraph(m.text("notice.data.intro"));
        List<String[]> rows = new ArrayList<>();
        for (ExplanationPayload.RecordedValue v : p.data()) {
            rows.add(new String[] {l.attribute(v.attribute()), l.value(v.attribute(), v.value())});
        }
        page.table(m.text("notice.data.heading"), m.text("notice.data.item"), m.text("notice.data.value"), rows);
        page.paragraph(m.text("notice.data.unused"));

        page.section(m.text("notice.reasons.heading"));
        if (p.suggestions().isEmpty()) {
            page.paragraph(m.text("notice.reasons.none"));
        } else if (p.reasons() == null) {
            page.paragraph(m.text("notice.reasons.unexplained"));
        } else {
            page.paragraph(reasonLead(p.reasons(), l, m)).list(reasonList(p, l, m, "notice"))
                    .paragraph(m.text("notice.reasons.uncertain"));
        }

        page.section(m.text("notice.decision.heading"));
        String suggested = l.service(d.suggested());
        page.paragraph(switch (d.kind()) {
            case "ACCEPTED" -> m.text("notice.decision.accepted", "service", l.service(d.finalService()));
            case "OVERRIDDEN" -> m.text("notice.decision.overridden", "service", l.service(d.finalService()),
                    "suggested", suggested);
            default -> m.text("notice.decision.rejected", "suggested", suggested);
        });
        page.paragraph(m.text(d.differs() ? "notice.decision.different" : "notice.decision.same"));
        if (d.reasonCode() != null) {
            page.paragraph(m.text("notice.decision.reason", "reason", reasons.label(d.reasonCode(), m.locale())));
        }

        if (!p.suggestions().isEmpty()) {
            page.section(m.text("notice.change.heading"));
            if (p.counterfactual() == null) {
                page.paragraph(m.text("notice.change.none"));
            } else {
                page.paragraph(change(p.counterfactual(), l, m)).paragraph(m.text("notice.change.caution"));
            }
        }

        page.section(m.text("notice.rights.heading")).list(List.of(m.text("notice.rights.explanation"),
                m.text("notice.rights.access"), m.text("notice.rights.human")));
        page.section(m.text("notice.contest.heading"))
                .paragraph(m.text("notice.contest.text", "contact", contest.contact(), "days", contest.days(),
                        "reference", d.reference()))
                .paragraph(m.text("notice.contest.review"));
        return new JobseekerNotice(page.html(), page.text());
    }

    static String reasonLead(ExplanationPayload.Reasons r, Labels l, Messages m) {
        return m.text(r.uplift() >= 0 ? "notice.reasons.helps" : "notice.reasons.hurts", "service",
                l.service(r.service()), "points", m.points(Math.abs(r.uplift())));
    }

    /** The card's lead: for a counsellor, with the average case's benefit beside this person's. */
    static String cardLead(ExplanationPayload.Reasons r, Labels l, Messages m) {
        return m.text(r.uplift() >= 0 ? "card.reasons.helps" : "card.reasons.hurts", "service",
                l.service(r.service()), "points", m.points(Math.abs(r.uplift())), "base",
                m.signedPoints(r.baseUplift()));
    }

    /** The main reasons, each a sentence; {@code prefix} is {@code notice} or {@code card}. */
    static List<String> reasonList(ExplanationPayload p, Labels l, Messages m, String prefix) {
        List<String> out = new ArrayList<>();
        for (ExplanationPayload.Reason x : p.reasons().top()) {
            out.add(m.text(prefix + (x.points() >= 0 ? ".reasons.raises" : ".reasons.lowers"), "attribute",
                    l.attribute(x.attribute()), "value", l.value(x.attribute(), p.data().stream()
                            .filter(v -> v.attribute().equals(x.attribute())).findFirst()
                            .map(ExplanationPayload.RecordedValue::value).orElse(null)),
                    "service", l.service(p.reasons().service()), "points", m.points(Math.abs(x.points()))));
        }
        return out;
    }

    static String change(ExplanationPayload.Change c, Labels l, Messages m) {
        List<String> steps = new ArrayList<>();
        for (ExplanationPayload.Step s : c.steps()) {
            steps.add(m.text("notice.change.step", "attribute", l.attribute(s.attribute()), "to",
                    l.value(s.attribute(), s.to()), "from", l.value(s.attribute(), s.from())));
        }
        return m.text("notice.change.text", "steps", String.join(m.text("notice.change.and"), steps), "after",
                l.service(c.after()), "before", l.service(c.before()));
    }

    /** The notice as an HTML page. */
    public String html() {
        return html;
    }

    /** The HTML page's UTF-8 bytes (what a replay compares). */
    public byte[] htmlBytes() {
        return html.getBytes(StandardCharsets.UTF_8);
    }

    /** The notice as plain text, lines ending in {@code \n}. */
    public String text() {
        return text;
    }

    /** Labels in the notice's language: attributes and services from the bundle, values as recorded. */
    static final class Labels {
        private final OutcomeModels models;
        private final Messages m;

        Labels(OutcomeModels models, Messages m) {
            this.models = models;
            this.m = m;
        }

        String attribute(String name) {
            return models.schema().attribute(name).label(m.locale());
        }

        String service(String id) {
            if (id == null || id.equals("none") || id.equals(org.fairpath.core.ServiceCatalogue.BASELINE)) {
                return m.text("service.none");
            }
            return models.catalogue().service(id).label(m.locale());
        }

        String value(String attribute, String recorded) {
            if (recorded == null) {
                return m.text("value.unknown");
            }
            Attribute a = models.schema().attribute(attribute);
            if (a.type() == AttributeType.BOOLEAN) {
                return m.text(recorded.equals("true") ? "value.true" : "value.false");
            }
            return recorded;
        }
    }
}
