package org.fairpath.explain.notice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.fairpath.core.Attribute;
import org.fairpath.core.Eligibility;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Role;
import org.fairpath.core.Sha256;
import org.fairpath.core.model.DataFlag;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.Recommendation;
import org.fairpath.core.model.Recommender;
import org.fairpath.core.model.ServiceSuggestion;
import org.fairpath.explain.Counterfactuals;
import org.fairpath.explain.Explainer;

/**
 * Everything a jobseeker notice and a counsellor card show about one suggestion, in language-free form: the recorded
 * values of the model inputs, the ranked suggestions with their intervals, why each service is or is not available,
 * the main reasons behind the first suggestion, the cheapest change to actionable attributes that would change the
 * first suggestion, and the data cautions. Numbers are rounded to 6 decimals from their exact binary value.
 *
 * <p>{@link #toJson()} is the canonical form (fixed member order, ASCII only) and {@link #sha256()} its hash, which
 * the decision record keeps ({@code explanationHash}); {@link #compute} is deterministic for a given bundle and
 * profile, so the same payload can be computed again later and checked against that hash.
 *
 * @param schemaVersion  {@link #SCHEMA_VERSION}
 * @param jobseeker      the pseudonym
 * @param modelVersion   the bundle's model version
 * @param inputHash      SHA-256 of the profile's JSON, as the decision record keeps it
 * @param data           the model inputs as recorded, in schema order
 * @param pWithout       chance of employment without a programme
 * @param suggestions    eligible services ranked by expected benefit
 * @param eligibility    every service of the catalogue with whether it is open to this person and why
 * @param reasons        the main reasons behind the first suggestion; null without suggestions or explanation
 * @param counterfactual the cheapest change that alters the first suggestion; null if none within the budget
 * @param cautions       data cautions
 */
public record ExplanationPayload(int schemaVersion, String jobseeker, String modelVersion, String inputHash,
                                 List<RecordedValue> data, double pWithout, List<Suggestion> suggestions,
                                 List<Availability> eligibility, Reasons reasons, Change counterfactual,
                                 List<Caution> cautions) {

    /** The payload format version. */
    public static final int SCHEMA_VERSION = 1;
    /** How many reasons the payload keeps for the first suggestion. */
    public static final int REASONS = 3;
    /** The largest total cost (steps of actionable attributes) searched for a counterfactual. */
    public static final double COUNTERFACTUAL_BUDGET = 2.0;

    /** One model input as recorded ({@code value} null when unknown; booleans as {@code true}/{@code false}). */
    public record RecordedValue(String attribute, String value) {
    }

    /** One suggested service; interval bounds are NaN when the models have no intervals. */
    public record Suggestion(int rank, String service, double pWith, double uplift, double upliftLower,
                             double upliftUpper) {
        public Suggestion {
            pWith = Canonical.round6(pWith);
            uplift = Canonical.round6(uplift);
            upliftLower = Canonical.round6(upliftLower);
            upliftUpper = Canonical.round6(upliftUpper);
        }

        /** Whether there is an interval. */
        public boolean hasInterval() {
            return !Double.isNaN(upliftLower);
        }

        /** Whether the interval contains zero or there is none: the benefit is uncertain. */
        public boolean uncertain() {
            return !(upliftLower > 0) && !(upliftUpper < 0);
        }
    }

    /** Whether a service is open to this person, with the eligibility rule's words (English, from the catalogue). */
    public record Availability(String service, boolean eligible, String reason) {
    }

    /** One attribute's effect on the first suggestion's expected benefit, in probability (not percentage) points. */
    public record Reason(String attribute, double points) {
        public Reason {
            points = Canonical.round6(points);
        }
    }

    /** The main reasons: the expected benefit, the average case's, and the attributes that move it most. */
    public record Reasons(String service, double uplift, double baseUplift, List<Reason> top) {
        public Reasons {
            uplift = Canonical.round6(uplift);
            baseUplift = Canonical.round6(baseUplift);
            top = List.copyOf(top);
        }
    }

    /** One step of a counterfactual: an attribute from its recorded value to another. */
    public record Step(String attribute, String from, String to) {
    }

    /** A counterfactual: these steps would make {@code after} the first suggestion instead of {@code before}. */
    public record Change(List<Step> steps, String before, String after) {
        public Change {
            steps = List.copyOf(steps);
        }
    }

    /** A data caution: its kind and attribute. */
    public record Caution(String kind, String attribute) {
    }

    public ExplanationPayload {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new IllegalArgumentException("explanation payload schemaVersion is " + schemaVersion
                    + "; this version reads " + SCHEMA_VERSION);
        }
        Objects.requireNonNull(jobseeker, "jobseeker");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(inputHash, "inputHash");
        data = List.copyOf(data);
        pWithout = Canonical.round6(pWithout);
        suggestions = List.copyOf(suggestions);
        eligibility = List.copyOf(eligibility);
        cautions = List.copyOf(cautions);
    }

    /**
     * Computes the payload for {@code profile} with {@code models}: the recommendation, the uplift explanation of
     * the first suggestion (its {@value #REASONS} main reasons), and the cheapest counterfactual within a budget of
     * {@value #COUNTERFACTUAL_BUDGET} steps. Deterministic.
     */
    public static ExplanationPayload compute(OutcomeModels models, JobseekerProfile profile) {
        Recommender recommender = Recommender.of(models);
        Recommendation r = recommender.recommend(profile);
        List<RecordedValue> data = new ArrayList<>();
        for (Attribute a : profile.schema().withRole(Role.FEATURE)) {
            data.add(new RecordedValue(a.name(), Canonical.value(profile.value(a.name()))));
        }
        List<Suggestion> suggestions = new ArrayList<>();
        for (ServiceSuggestion s : r.suggestions()) {
            suggestions.add(new Suggestion(s.rank(), s.serviceId(), s.pWith(), s.uplift(), s.upliftLower(),
                    s.upliftUpper()));
        }
        List<Availability> eligibility = new ArrayList<>();
        for (var service : models.catalogue().services()) {
            Eligibility e = service.eligibility(profile);
            eligibility.add(new Availability(service.id(), e.eligible(), e.reason()));
        }
        Reasons reasons = null;
        Change change = null;
        if (!r.suggestions().isEmpty()) {
            String top = r.suggestions().get(0).serviceId();
            reasons = Explainer.of(models).uplift(profile, top).map(u -> new Reasons(top, u.uplift(), u.baseUplift(),
                    u.top(REASONS).stream().map(a -> new Reason(a, u.points(a))).toList())).orElse(null);
            List<Counterfactuals.Counterfactual> found = Counterfactuals.of(Counterfactuals.topSuggestion(recommender),
                    Map.of(), COUNTERFACTUAL_BUDGET).find(profile, 1);
            if (!found.isEmpty()) {
                Counterfactuals.Counterfactual c = found.get(0);
                change = new Change(c.changes().stream().map(s -> new Step(s.attribute(), Canonical.value(s.from()),
                        Canonical.value(s.to()))).toList(), String.valueOf(c.before()), String.valueOf(c.after()));
            }
        }
        List<Caution> cautions = new ArrayList<>();
        for (DataFlag f : r.flags()) {
            cautions.add(new Caution(f.kind().name(), f.attribute()));
        }
        return new ExplanationPayload(SCHEMA_VERSION, profile.id(), r.modelVersion(), Sha256.hex(profile.toJson()),
                data, r.pWithout(), suggestions, eligibility, reasons, change, cautions);
    }

    /** The first suggestion's service, or null when nothing is suggested. */
    public String topService() {
        return suggestions.isEmpty() ? null : suggestions.get(0).service();
    }

    /** The canonical JSON (ASCII only; see the class comment). */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schemaVersion", schemaVersion);
        m.put("jobseeker", jobseeker);
        m.put("modelVersion", modelVersion);
        m.put("inputHash", inputHash);
        List<Object> d = new ArrayList<>();
        for (RecordedValue v : data) {
            d.add(map("attribute", v.attribute(), "value", v.value()));
        }
        m.put("data", d);
        m.put("pWithout", pWithout);
        List<Object> s = new ArrayList<>();
        for (Suggestion x : suggestions) {
            Map<String, Object> e = map("rank", x.rank(), "service", x.service(), "pWith", x.pWith());
            e.put("uplift", x.uplift());
            e.put("upliftLower", x.upliftLower());
            e.put("upliftUpper", x.upliftUpper());
            s.add(e);
        }
        m.put("suggestions", s);
        List<Object> el = new ArrayList<>();
        for (Availability a : eligibility) {
            el.add(map("service", a.service(), "eligible", a.eligible(), "reason", a.reason()));
        }
        m.put("eligibility", el);
        if (reasons == null) {
            m.put("reasons", null);
        } else {
            Map<String, Object> r = map("service", reasons.service(), "uplift", reasons.uplift(), "baseUplift",
                    reasons.baseUplift());
            r.put("top", reasons.top().stream().map(x -> (Object) map("attribute", x.attribute(), "points",
                    x.points())).toList());
            m.put("reasons", r);
        }
        if (counterfactual == null) {
            m.put("counterfactual", null);
        } else {
            m.put("counterfactual", map("steps", counterfactual.steps().stream().map(x -> (Object) map("attribute",
                    x.attribute(), "from", x.from(), "to", x.to())).toList(), "before", counterfactual.before(),
                    "after", counterfactual.after()));
        }
        m.put("cautions", cautions.stream().map(c -> (Object) map("kind", c.kind(), "attribute", c.attribute()))
                .toList());
        StringBuilder sb = new StringBuilder(1024);
        Canonical.write(sb, m);
        return sb.toString();
    }

    /** SHA-256 of {@link #toJson()}, lower-case hex: what the decision record keeps as {@code explanationHash}. */
    public String sha256() {
        return Sha256.hex(toJson());
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
