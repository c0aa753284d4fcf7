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
 *   <li>A jobseeker may contest a decision ({@link #contest}); a different counsellor re-reviews it and upholds
 *       ({@link #uphold}) or changes it ({@link #change}); every step is a record linked by sequence number and hash.</li>
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
    private final CounsellorIds ids;
    /**
     * Why this desk must not write counsellor ids to its log (a record written under another counsellor key, or a
     * keyed id while this desk has none), found when the desk was created; null if it may. Kill switches, whose actor
     * may be a process such as the monitor, are not held back by it.
     */
    private volatile String keyConflict;
    private final Map<String, String> disabled = new ConcurrentHashMap<>();
    /** Serializes kill-switch changes so the map follows the log's order; taken before the store's own locks. */
    private final Object killSwitch = new Object();
    /** Serializes contests and re-reviews, so a decision is contested once and a contest re-reviewed once. */
    private final Object contests = new Object();

    private ReviewDesk(Recommender recommender, DecisionStore log, ReasonCodes reasons, boolean assessFirst,
                       CounsellorIds ids) {
        this.ids = ids;
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
        return create(recommender, log, reasons, assessFirst, CounsellorIds.clear());
    }

    /**
     * As {@link #create(Recommender, DecisionStore, ReasonCodes, boolean)}, writing counsellor ids to the log as
     * {@code ids} says: with {@link CounsellorIds#keyed}, as an HMAC-SHA-256 under the deployment key, never in clear
     * (the counsellor in a DECISION, REVERSAL, ASSESSMENT, MANUAL_WORKFLOW, RE_REVIEW record, the actor of a kill
     * switch, who recorded a contest). The same-counsellor check of a re-review compares under the key, and also
     * recognizes a clear id in records written before the key was set.
     */
    public static ReviewDesk create(Recommender recommender, DecisionStore log, ReasonCodes reasons,
                                    boolean assessFirst, CounsellorIds ids) throws IOException {
        ReviewDesk desk = new ReviewDesk(Objects.requireNonNull(recommender, "recommender"),
                Objects.requireNonNull(log, "log"), Objects.requireNonNull(reasons, "reasons"), assessFirst,
                Objects.requireNonNull(ids, "ids"));
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
        if (keyConflict == null) {
            keyConflict = ids.conflict(body, "the log's " + where);
        }
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
            log.append("MANUAL_WORKFLOW", keyed(body));
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
        log.append("ASSESSMENT", keyed(body));
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
        return decide(review, decision, null);
    }

    /**
     * As {@link #decide(Review, CounsellorDecision)}, keeping in the record ({@code explanationHash}) the SHA-256 of
     * the explanation shown for this review (the canonical explanation payload a jobseeker notice is built from, e.g.
     * {@code ExplanationPayload.sha256()} of the explain module), so the notice can be regenerated later and proven
     * to show what was shown.
     *
     * @param explanationHash 64 lower-case hex digits, or null when no explanation was shown
     * @throws IllegalArgumentException as for {@link #decide(Review, CounsellorDecision)}, or if the hash is not 64
     *                                  lower-case hex digits, or one is given in the manual workflow (nothing was
     *                                  suggested, so nothing was explained)
     */
    public Decided decide(Review review, CounsellorDecision decision, String explanationHash) throws IOException {
        Objects.requireNonNull(decision, "decision");
        if (explanationHash != null && !org.fairpath.core.log.RecordCodec.isHash(explanationHash)) {
            throw new IllegalArgumentException("explanationHash '" + abbreviate(explanationHash) + "' is not a SHA-256"
                    + " (64 lower-case hex digits)");
        }
        if (explanationHash != null && review.isManualWorkflow()) {
            throw new IllegalArgumentException("explanationHash given for a review in the manual workflow, where"
                    + " nothing was suggested or explained; decide without one");
        }
        Recommendation r = review.hiddenRecommendation();
        String service = check(review.profile(), r, decision, false);
        review.beginDecision();
        Appended a;
        try {
            Map<String, Object> body = decisionBody(review.profile(), review.counsellorId(), r, decision, service);
            body.put("manualWorkflow", review.manualWorkflowReason().orElse(null));
            body.put("assessment", review.assessment().orElse(null));
            body.put("reverses", null);
            body.put("explanationHash", explanationHash);
            a = log.append("DECISION", keyed(body));
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
        Appended a = log.append("REVERSAL", keyed(body));
        return new Decided(a.sequence(), referral(profile, counsellorId, service, a.sequence()));
    }

    /**
     * Records that the jobseeker contests a decision (GDPR Art. 22(3), AI Act Art. 86): a {@code CONTEST} record
     * naming the decision by sequence number and hash, and carrying the decision's audit section so contest rates can
     * be audited by group. The contest is then re-reviewed by a different counsellor ({@link #uphold} or
     * {@link #change}).
     *
     * @param decisionSequence the {@code DECISION} or {@code REVERSAL} record contested
     * @param recordedBy       who registered the contest (any staff member)
     * @return the {@code CONTEST} record's sequence number
     * @throws IllegalArgumentException if there is no such record, it is not a decision or reversal about
     *                                  {@code jobseekerId}, or it is already contested
     */
    public long contest(long decisionSequence, String jobseekerId, String recordedBy) throws IOException {
        checkCounsellor(recordedBy);
        synchronized (contests) {
            LogRecord decision = find(decisionSequence);
            if (decision == null || !(decision.type().equals("DECISION") || decision.type().equals("REVERSAL"))
                    || !Objects.equals(jobseekerId, decision.body().get("jobseeker"))) {
                throw new IllegalArgumentException("record " + decisionSequence + " is not a decision about jobseeker"
                        + " '" + jobseekerId + "'" + (decision == null ? " (there is no such record)"
                        : " (it is a " + decision.type() + ")") + "; only a DECISION or REVERSAL can be contested");
            }
            LogRecord earlier = contestOf(decisionSequence);
            if (earlier != null) {
                throw new IllegalArgumentException("decision " + decisionSequence + " is already contested (CONTEST"
                        + " record " + earlier.sequence() + "); a decision is contested once and re-reviewed once");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("jobseeker", jobseekerId);
            body.put("recordedBy", ids.stored(recordedBy));
            body.put("contests", decisionSequence);
            body.put("contestsHash", decision.hash());
            body.put("decidedBy", decision.body().get("counsellor"));
            body.put("audit", decision.body().get("audit"));
            return log.append("CONTEST", keyed(body)).sequence();
        }
    }

    /**
     * The re-review of a contest upholds the contested decision: a {@code RE_REVIEW} record with outcome
     * {@code UPHELD}, linked to the contest and the decision by sequence number and hash.
     *
     * @return the {@code RE_REVIEW} record's sequence number
     * @throws IllegalArgumentException if {@code contestSequence} is not an open contest about this jobseeker, or the
     *                                  reviewer is the counsellor who made the contested decision
     */
    public long uphold(long contestSequence, JobseekerProfile profile, String reviewerId) throws IOException {
        checkCounsellor(reviewerId);
        synchronized (contests) {
            LogRecord[] c = openContest(contestSequence, profile, reviewerId);
            Map<String, Object> body = base(profile, reviewerId);
            link(body, c, "UPHELD");
            return log.append("RE_REVIEW", keyed(body)).sequence();
        }
    }

    /**
     * The re-review of a contest changes the contested decision: a {@code RE_REVIEW} record with outcome
     * {@code CHANGED} and the new decision, which replaces the contested one as a reversal does ({@code reverses}),
     * linked to the contest and the decision by sequence number and hash.
     *
     * @param decision Overridden (another service, with a reason code) or Rejected (with a reason code)
     * @throws IllegalArgumentException if {@code contestSequence} is not an open contest about this jobseeker, the
     *                                  reviewer is the counsellor who made the contested decision, or the decision
     *                                  is not allowed
     */
    public Decided change(long contestSequence, JobseekerProfile profile, String reviewerId,
                          CounsellorDecision decision) throws IOException {
        checkCounsellor(reviewerId);
        if (decision instanceof CounsellorDecision.Accepted) {
            throw new IllegalArgumentException("a changed re-review records a new choice: use Overridden(service,"
                    + " reasonCode, note) or Rejected(reasonCode, note); to keep the decision, use uphold");
        }
        synchronized (contests) {
            LogRecord[] c = openContest(contestSequence, profile, reviewerId);
            String service = check(profile, null, decision, true);
            Object before = c[1].body().get("finalService");
            if (Objects.equals(before, service)) {
                throw new IllegalArgumentException("the contested decision already gives " + (service == null
                        ? "no service" : "'" + service + "'") + "; to keep it, use uphold");
            }
            Map<String, Object> body = decisionBody(profile, reviewerId, null, decision, service);
            link(body, c, "CHANGED");
            body.put("reverses", c[1].sequence());
            Appended a = log.append("RE_REVIEW", keyed(body));
            return new Decided(a.sequence(), referral(profile, reviewerId, service, a.sequence()));
        }
    }

    /** {@code body}, stamped with the key's fingerprint, once this desk may write counsellor ids to the log. */
    private Map<String, Object> keyed(Map<String, Object> body) {
        if (keyConflict != null) {
            throw new IllegalStateException(keyConflict);
        }
        return ids.stamp(body);
    }

    private static void link(Map<String, Object> body, LogRecord[] c, String outcome) {
        body.put("contest", c[0].sequence());
        body.put("contestHash", c[0].hash());
        body.put("reviews", c[1].sequence());
        body.put("reviewsHash", c[1].hash());
        body.put("outcome", outcome);
    }

    /** The open contest {@code contestSequence} and the decision it contests, after every check. */
    private LogRecord[] openContest(long contestSequence, JobseekerProfile profile, String reviewerId)
            throws IOException {
        LogRecord contest = find(contestSequence);
        if (contest == null || !contest.type().equals("CONTEST")
                || !profile.id().equals(contest.body().get("jobseeker"))) {
            throw new IllegalArgumentException("record " + contestSequence + " is not a contest by jobseeker '"
                    + profile.id() + "'" + (contest == null ? " (there is no such record)"
                    : " (it is a " + contest.type() + ")"));
        }
        LogRecord[] done = {null};
        log.forEach(r -> {
            if (r.type().equals("RE_REVIEW") && r.body().get("contest") instanceof Number n
                    && n.longValue() == contestSequence) {
                done[0] = r;
            }
        });
        if (done[0] != null) {
            throw new IllegalArgumentException("contest " + contestSequence + " is already re-reviewed (RE_REVIEW"
                    + " record " + done[0].sequence() + ", " + done[0].body().get("outcome") + ")");
        }
        if (!(contest.body().get("contests") instanceof Number target)) {
            throw new IllegalStateException("CONTEST record " + contestSequence + " names no decision; inspect the"
                    + " log");
        }
        LogRecord decision = find(target.longValue());
        if (decision == null || !Objects.equals(decision.hash(), contest.body().get("contestsHash"))) {
            throw new IllegalStateException("CONTEST record " + contestSequence + " names decision " + target
                    + (decision == null ? ", which is not in the log" : " with another hash than the log's")
                    + "; inspect the log");
        }
        if (ids.names(decision.body().get("counsellor"), reviewerId)) {
            throw new IllegalArgumentException("counsellor '" + reviewerId + "' made the contested decision "
                    + decision.sequence() + "; a contest is re-reviewed by a different counsellor");
        }
        return new LogRecord[] {contest, decision};
    }

    private LogRecord contestOf(long decisionSequence) throws IOException {
        LogRecord[] found = {null};
        log.forEach(r -> {
            if (r.type().equals("CONTEST") && r.body().get("contests") instanceof Number n
                    && n.longValue() == decisionSequence) {
                found[0] = r;
            }
        });
        return found[0];
    }

    private LogRecord find(long sequence) throws IOException {
        LogRecord[] found = {null};
        log.forEach(r -> {
            if (r.sequence() == sequence) {
                found[0] = r;
            }
        });
        return found[0];
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
            log.append("MODEL_DISABLED", ids.stamp(new LinkedHashMap<>(Map.of("modelVersion", version, "reason",
                    reason, "actor", ids.stored(actor)))));
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
            log.append("MODEL_ENABLED", ids.stamp(new LinkedHashMap<>(Map.of("modelVersion", version, "actor",
                    ids.stored(actor)))));
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
        body.put("counsellor", ids.stored(counsellorId));
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
