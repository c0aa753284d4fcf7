package org.fairpath.core.review;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.fairpath.core.Attribute;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Role;
import org.fairpath.core.Service;
import org.fairpath.core.ServiceCatalogue;
import org.fairpath.core.Sha256;
import org.fairpath.core.log.Appended;
import org.fairpath.core.log.DecisionLog;
import org.fairpath.core.log.DecisionStore;
import org.fairpath.core.log.LogRecord;
import org.fairpath.core.model.DataFlag;
import org.fairpath.core.model.Recommendation;
import org.fairpath.core.model.Recommender;
import org.fairpath.core.model.ServiceSuggestion;

/**
 * The counsellor review workflow: opens reviews with the recommender's suggestions, records the counsellor's
 * decision in the {@link DecisionStore} (the file log or any other store), and turns decisions (and only decisions) into {@link ServiceReferral}s.
 *
 * <ul>
 *   <li>{@link CounsellorDecision.Accepted} must name the top suggestion; choosing any other eligible service is an
 *       {@link CounsellorDecision.Overridden} with a reason code; no service now is a
 *       {@link CounsellorDecision.Rejected} with a reason code.</li>
 *   <li>Assess-first mode: the counsellor's own choice is logged before the suggestions are revealed.</li>
 *   <li>A later decision may reverse an earlier one ({@link #reverse}); both stay in the log, linked.</li>
 *   <li>Kill switch: a model version can be disabled ({@link #disableModel}); reviews then open in the manual
 *       workflow, without suggestions, and say why. Switching is logged.</li>
 * </ul>
 * Every logged decision holds the input hash, model version, suggestions with their numbers, the decision, reason and
 * counsellor, and the schema's PROTECTED attributes in an {@code audit} section marked audit-only.
 *
 * <p>Thread-safe.
 */
public final class ReviewDesk {

    private final Recommender recommender;
    private final DecisionStore log;
    private final ReasonCodes reasons;
    private final boolean assessFirst;
    private final ServiceCatalogue catalogue;
    private final Map<String, String> disabled = new ConcurrentHashMap<>();
    /** Serializes kill-switch changes so the map follows the log's order; taken before the store's own locks. */
    private final Object killSwitch = new Object();

    private ReviewDesk(Recommender recommender, DecisionStore log, ReasonCodes reasons, boolean assessFirst) {
        this.recommender = recommender;
        this.log = log;
        this.reasons = reasons;
        this.assessFirst = assessFirst;
        this.catalogue = recommender.models().catalogue();
    }

    /**
     * Creates a desk over {@code log}, rebuilding the kill switch from the log's {@code MODEL_DISABLED} and
     * {@code MODEL_ENABLED} records (so a restart never silently re-enables a disabled model).
     *
     * @param assessFirst whether counsellors record their own choice before seeing suggestions
     * @throws IOException           if the log cannot be read
     * @throws IllegalStateException naming the record's sequence number if a {@code MODEL_DISABLED} or
     *                               {@code MODEL_ENABLED} record (also one carried in a purge's {@code CHECKPOINT})
     *                               has no {@code modelVersion}, or one that is not a full model version: a kill
     *                               switch the desk cannot interpret is not ignored
     */
    public static ReviewDesk create(Recommender recommender, DecisionStore log, ReasonCodes reasons,
                                    boolean assessFirst) throws IOException {
        ReviewDesk desk = new ReviewDesk(Objects.requireNonNull(recommender, "recommender"),
                Objects.requireNonNull(log, "log"), Objects.requireNonNull(reasons, "reasons"), assessFirst);
        log.forEach(r -> {
            if (r.type().equals("CHECKPOINT") && r.body().containsKey(DecisionLog.CARRIED)) {
                // kill-switch records a purge removed, carried in the checkpoint (see DecisionLog.STATE_TYPES)
                String cp = "CHECKPOINT " + r.sequence();
                if (!(r.body().get(DecisionLog.CARRIED) instanceof List<?> carried)) {
                    throw unreadable(cp + "'s " + DecisionLog.CARRIED + " is not a list");
                }
                for (Object c : carried) {
                    if (!(c instanceof Map<?, ?> m) || !(m.get("seq") instanceof Number seq)
                            || !(m.get("type") instanceof String t) || !DecisionLog.STATE_TYPES.contains(t)
                            || !(m.get("body") instanceof Map<?, ?> b)) {
                        throw unreadable(cp + " carries an entry that is not {\"seq\": number, \"type\": one of "
                                + DecisionLog.STATE_TYPES + ", \"body\": object}: " + abbreviate(String.valueOf(c)));
                    }
                    desk.replay(t, b, t + " record " + seq + " (carried in " + cp + ")");
                }
            } else {
                desk.replay(r.type(), r.body(), r.type() + " record " + r.sequence());
            }
        });
        return desk;
    }

    private void replay(String type, Map<?, ?> body, String where) {
        if (!type.equals("MODEL_DISABLED") && !type.equals("MODEL_ENABLED")) {
            return;
        }
        Object v = body.get("modelVersion");
        String problem = versionProblem(v);
        if (problem != null) {
            throw unreadable("the log's " + where + " has " + (v == null ? "no modelVersion" : "modelVersion "
                    + abbreviate(String.valueOf(v)) + ", " + problem) + "; a model version is " + VERSION_FORM);
        }
        if (type.equals("MODEL_DISABLED")) {
            disabled.put((String) v, String.valueOf(body.get("reason")));
        } else {
            disabled.remove(v);
        }
    }

    /** What a kill-switch record must name: the model version as {@code OutcomeModels.version()} gives it. */
    private static final String VERSION_FORM = "the full model version, 64 lowercase hex digits (as"
            + " OutcomeModels.version() gives it)";

    /** Why {@code v} is not a full model version, or null if it is one. */
    private static String versionProblem(Object v) {
        if (!(v instanceof String s)) {
            return v == null ? "missing" : "not a string but " + (v instanceof Map ? "an object"
                    : v instanceof List ? "a list" : v.getClass().getSimpleName());
        }
        if (s.length() != 64) {
            return s.length() + " characters" + (s.length() < 64 ? " (a shortened version is ambiguous)" : "");
        }
        for (int i = 0; i < 64; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return "character " + (i + 1) + " '" + c + "' is not a lowercase hex digit";
            }
        }
        return null;
    }

    /** {@code version} if it is a full model version; else an IllegalArgumentException saying what is allowed. */
    private static String checkVersion(String version) {
        String problem = versionProblem(version);
        if (problem != null) {
            throw new IllegalArgumentException("version must be " + VERSION_FORM + "; you gave "
                    + (version == null ? "none" : abbreviate(version) + ": " + problem));
        }
        return version;
    }

    private static IllegalStateException unreadable(String what) {
        return new IllegalStateException(what + ". The desk does not start over a kill switch it cannot interpret"
                + " (only ReviewDesk writes these records with a checked version); inspect the log");
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? "'" + s + "'" : "'" + s.substring(0, 77) + "...' (" + s.length() + " characters)";
    }

    /** The model version this desk's recommender uses. */
    public String modelVersion() {
        return recommender.models().version();
    }

    /**
     * Opens a review of {@code profile} by {@code counsellorId}. With the model disabled, the review is in the manual
     * workflow and a {@code MANUAL_WORKFLOW} record is logged.
     */
    public Review open(JobseekerProfile profile, String counsellorId) throws IOException {
        checkCounsellor(counsellorId);
        String off = disabled.get(modelVersion());
        if (off != null) {
            Map<String, Object> body = base(profile, counsellorId);
            body.put("modelVersion", modelVersion());
            body.put("reason", off);
            log.append("MANUAL_WORKFLOW", body);
            return new Review(profile, counsellorId, null, off, assessFirst);
        }
        return new Review(profile, counsellorId, recommender.recommend(profile), null, assessFirst);
    }

    /**
     * Records the counsellor's own preliminary choice (a service id, or {@code no_programme}) before the suggestions
     * are revealed, in assess-first mode.
     *
     * @throws IllegalStateException    if the desk is not in assess-first mode or the choice is already recorded
     * @throws IllegalArgumentException if the choice is not a catalogue service or {@code no_programme}
     */
    public void assess(Review review, String choice) throws IOException {
        if (!review.isAssessFirst()) {
            throw new IllegalStateException("assess is for assess-first mode; this desk shows suggestions directly");
        }
        if (!ServiceCatalogue.BASELINE.equals(choice)) {
            catalogue.service(choice);
        }
        review.recordAssessment(choice);
        Map<String, Object> body = base(review.profile(), review.counsellorId());
        body.put("modelVersion", modelVersion());
        body.put("choice", choice);
        log.append("ASSESSMENT", body);
    }

    /**
     * Records the counsellor's decision and returns the referral it makes, if any.
     *
     * @throws IllegalArgumentException naming the problem (not the top suggestion, service not eligible, reason code
     *                                  missing or unknown, ...); nothing is logged then
     * @throws IllegalStateException    if the review is already decided (or being decided), or assess-first mode is
     *                                  on and the counsellor's own choice has not been recorded
     * @throws IOException              if the record could not be written; the review then stays open for a retry
     */
    public Decided decide(Review review, CounsellorDecision decision) throws IOException {
        Objects.requireNonNull(decision, "decision");
        Recommendation r = review.hiddenRecommendation();
        String service = check(review.profile(), r, decision, false);
        review.beginDecision();
        Appended a;
        try {
            Map<String, Object> body = decisionBody(review.profile(), review.counsellorId(), r, decision, service);
            body.put("manualWorkflow", review.manualWorkflowReason().orElse(null));
            body.put("assessment", review.assessment().orElse(null));
            body.put("reverses", null);
            a = log.append("DECISION", body);
        } catch (IOException | RuntimeException e) {
            review.abortDecision(); // not durable, so not decided: the counsellor can retry
            throw e;
        }
        review.completeDecision(); // only now: the record is durable
        return new Decided(a.sequence(), referral(review.profile(), review.counsellorId(), service, a.sequence()));
    }

    /**
     * Records a later decision that reverses an earlier one (for the same jobseeker). Both stay in the log; the new
     * record names the one it reverses. A reversal chooses afresh, so it is an Overridden or a Rejected decision.
     *
     * @throws IllegalArgumentException if the earlier record is not a decision about this jobseeker, or the decision
     *                                  is not allowed
     */
    public Decided reverse(JobseekerProfile profile, long earlierSequence, String counsellorId,
                           CounsellorDecision decision) throws IOException {
        checkCounsellor(counsellorId);
        if (decision instanceof CounsellorDecision.Accepted) {
            throw new IllegalArgumentException("a reversal records a new choice: use Overridden(service, reasonCode,"
                    + " note) or Rejected(reasonCode, note)");
        }
        LogRecord[] found = {null};
        log.forEach(rec -> {
            if (rec.sequence() == earlierSequence) {
                found[0] = rec;
            }
        });
        LogRecord earlier = found[0];
        if (earlier == null || !(earlier.type().equals("DECISION") || earlier.type().equals("REVERSAL"))
                || !profile.id().equals(earlier.body().get("jobseeker"))) {
            throw new IllegalArgumentException("record " + earlierSequence + " is not a decision about jobseeker '"
                    + profile.id() + "'");
        }
        String service = check(profile, null, decision, true);
        Map<String, Object> body = decisionBody(profile, counsellorId, null, decision, service);
        body.put("reverses", earlierSequence);
        Appended a = log.append("REVERSAL", body);
        return new Decided(a.sequence(), referral(profile, counsellorId, service, a.sequence()));
    }

    /**
     * Switches a model version off: reviews open in the manual workflow until {@link #enableModel}. The switch is a
     * {@code MODEL_DISABLED} record: it takes effect once durable and survives restarts.
     *
     * @throws IllegalArgumentException if {@code version} is not the full model version (64 lowercase hex digits, as
     *                                  {@code OutcomeModels.version()} gives it; a shortened one is refused, not
     *                                  matched), or the reason is blank
     */
    public void disableModel(String version, String reason, String actor) throws IOException {
        checkVersion(version);
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("disabling a model needs a reason");
        }
        checkCounsellor(actor);
        synchronized (killSwitch) {
            log.append("MODEL_DISABLED", new LinkedHashMap<>(Map.of("modelVersion", version, "reason", reason,
                    "actor", actor)));
            disabled.put(version, reason); // after the record is durable: a restart rebuilds exactly this
        }
    }

    /**
     * Switches a model version back on: a {@code MODEL_ENABLED} record, effective once durable.
     *
     * @throws IllegalArgumentException if {@code version} is not the full model version (as for {@link #disableModel})
     */
    public void enableModel(String version, String actor) throws IOException {
        checkVersion(version);
        checkCounsellor(actor);
        synchronized (killSwitch) {
            log.append("MODEL_ENABLED", new LinkedHashMap<>(Map.of("modelVersion", version, "actor", actor)));
            disabled.remove(version);
        }
    }

    /**
     * Whether {@code version} is switched off.
     *
     * @throws IllegalArgumentException if {@code version} is not the full model version (as for {@link #disableModel})
     */
    public boolean isDisabled(String version) {
        return disabled.containsKey(checkVersion(version));
    }

    /** The service the decision refers to (null for a rejection), after checking it; throws if not allowed. */
    private String check(JobseekerProfile profile, Recommendation r, CounsellorDecision decision, boolean reversal) {
        if (decision instanceof CounsellorDecision.Accepted a) {
            if (r == null || r.suggestions().isEmpty()) {
                throw new IllegalArgumentException("there is no suggestion to accept"
                        + (r == null ? " (manual workflow)" : "") + "; use Overridden or Rejected with a reason code");
            }
            String top = r.suggestions().get(0).serviceId();
            if (!top.equals(a.serviceId())) {
                throw new IllegalArgumentException("Accepted must name the top suggestion '" + top + "'; to choose '"
                        + a.serviceId() + "' instead, use Overridden with a reason code");
            }
            return top;
        }
        if (decision instanceof CounsellorDecision.Overridden o) {
            reasons.check(o.reasonCode(), o.note());
            Service s = catalogue.service(o.serviceId());
            if (!s.isEligible(profile)) {
                throw new IllegalArgumentException("service '" + s.id() + "' cannot be chosen: "
                        + s.eligibility(profile).reason());
            }
            if (!reversal && r != null && !r.suggestions().isEmpty()
                    && r.suggestions().get(0).serviceId().equals(s.id())) {
                throw new IllegalArgumentException("'" + s.id() + "' is the top suggestion; record it with Accepted");
            }
            return s.id();
        }
        CounsellorDecision.Rejected rej = (CounsellorDecision.Rejected) decision;
        reasons.check(rej.reasonCode(), rej.note());
        return null;
    }

    private Map<String, Object> base(JobseekerProfile profile, String counsellorId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobseeker", profile.id());
        body.put("counsellor", counsellorId);
        body.put("inputHash", Sha256.hex(profile.toJson()));
        Map<String, Object> audit = new LinkedHashMap<>();
        audit.put("auditOnly", true);
        for (Attribute a : profile.schema().withRole(Role.PROTECTED)) {
            audit.put(a.name(), profile.value(a.name()));
        }
        body.put("audit", audit);
        return body;
    }

    private Map<String, Object> decisionBody(JobseekerProfile profile, String counsellorId, Recommendation r,
                                             CounsellorDecision decision, String service) {
        Map<String, Object> body = base(profile, counsellorId);
        body.put("modelVersion", r == null ? null : r.modelVersion());
        List<Map<String, Object>> suggestions = new ArrayList<>();
        if (r != null) {
            for (ServiceSuggestion s : r.suggestions()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("service", s.serviceId());
                m.put("rank", s.rank());
                m.put("pWith", s.pWith());
                m.put("uplift", s.uplift());
                m.put("upliftLower", finite(s.upliftLower()));
                m.put("upliftUpper", finite(s.upliftUpper()));
                suggestions.add(m);
            }
            body.put("pWithout", finite(r.pWithout())); // null: a profiling-only deployment has no P(without)
            Map<String, Object> profiling = new LinkedHashMap<>();
            profiling.put("probability", r.profiling().probability());
            profiling.put("lower", finite(r.profiling().lower()));
            profiling.put("upper", finite(r.profiling().upper()));
            profiling.put("segment", r.profiling().segment());
            body.put("profiling", profiling);
            body.put("flags", r.flags().stream().map(DataFlag::kind).map(Enum::name).toList());
        }
        body.put("suggestions", suggestions);
        String top = suggestions.isEmpty() ? null : (String) suggestions.get(0).get("service");
        body.put("topSuggestion", top);
        body.put("topIntensity", top == null ? null : catalogue.service(top).intensity());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", decision.kind());
        d.put("service", service);
        if (decision instanceof CounsellorDecision.Overridden o) {
            d.put("reasonCode", o.reasonCode());
            d.put("note", o.note());
        } else if (decision instanceof CounsellorDecision.Rejected rej) {
            d.put("reasonCode", rej.reasonCode());
            d.put("note", rej.note());
        }
        body.put("decision", d);
        body.put("finalService", service);
        body.put("finalIntensity", service == null ? null : catalogue.service(service).intensity());
        return body;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static Optional<ServiceReferral> referral(JobseekerProfile p, String counsellor, String service, long seq) {
        return service == null ? Optional.empty()
                : Optional.of(new ServiceReferral(p.id(), service, counsellor, seq, Instant.now()));
    }

    private static void checkCounsellor(String id) {
        if (id == null || !id.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new IllegalArgumentException("counsellor id '" + id + "' is not allowed; use 1 to 64 of"
                    + " A-Z a-z 0-9 . _ : -");
        }
    }


    /**
     * A logged decision.
     *
     * @param sequence its sequence number in the decision log
     * @param referral the referral it makes; empty for a rejection
     */
    public record Decided(long sequence, Optional<ServiceReferral> referral) {
    }
}
