package org.fairpath.core.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.fairpath.core.Fixtures;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.log.DecisionLog;
import org.fairpath.core.log.LogRecord;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.Recommender;
import org.fairpath.core.model.TrainingCase;
import org.fairpath.core.model.TrainingSettings;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ReviewDeskTest {

    /** Another model's version: 64 lowercase hex digits, as OutcomeModels.version() gives them. */
    private static final String OTHER_MODEL = "0123456789abcdef".repeat(4);

    private static Recommender recommender;

    @TempDir
    Path dir;
    private DecisionLog log;

    @BeforeAll
    static void train() {
        CaseloadGenerator gen = CaseloadGenerator.create(CaseloadSettings.withDefaults());
        List<TrainingCase> cases = gen.stream(5000)
                .map(c -> new TrainingCase(c.profile(), c.assignedService(), c.outcome())).toList();
        recommender = Recommender.of(OutcomeModels.train(gen.catalogue(), cases,
                TrainingSettings.withDefaults().withBags(5)));
    }

    private ReviewDesk desk(boolean assessFirst) throws IOException {
        log = DecisionLog.open(dir.resolve("decisions.jsonl"), DecisionLog.Durability.FSYNC_EACH);
        return ReviewDesk.create(recommender, log, ReasonCodes.defaults(), assessFirst);
    }

    @AfterEach
    void close() throws IOException {
        if (log != null) {
            log.close();
        }
    }

    private static JobseekerProfile jobseeker() {
        return Fixtures.profile("js-42", "months_unemployed", 14);
    }

    private List<LogRecord> records() throws IOException {
        return DecisionLog.read(log.file());
    }

    private static String top(Review r) {
        return r.recommendation().orElseThrow().suggestions().get(0).serviceId();
    }

    private static String second(Review r) {
        return r.recommendation().orElseThrow().suggestions().get(1).serviceId();
    }

    @Test
    void accept_topSuggestion_makesReferralAndLogsEverything() throws IOException {
        ReviewDesk desk = desk(false);
        Review review = desk.open(jobseeker(), "c-7");
        String top = top(review);
        ReviewDesk.Decided d = desk.decide(review, new CounsellorDecision.Accepted(top));
        ServiceReferral ref = d.referral().orElseThrow();
        assertEquals(top, ref.serviceId());
        assertEquals("js-42", ref.jobseekerId());
        assertEquals(d.sequence(), ref.decisionSequence());
        LogRecord rec = records().get(0);
        assertEquals("DECISION", rec.type());
        Map<String, Object> b = rec.body();
        assertEquals("js-42", b.get("jobseeker"));
        assertEquals("c-7", b.get("counsellor"));
        assertEquals(recommender.models().version(), b.get("modelVersion"));
        assertEquals(64, ((String) b.get("inputHash")).length());
        assertEquals(Map.of("kind", "ACCEPTED", "service", top), b.get("decision"));
        assertEquals(top, b.get("finalService"));
        @SuppressWarnings("unchecked")
        Map<String, Object> audit = (Map<String, Object>) b.get("audit");
        assertEquals(Boolean.TRUE, audit.get("auditOnly"));
        assertEquals(List.of("auditOnly", "age", "gender", "citizenship_group", "disability"),
                List.copyOf(audit.keySet()));
        assertEquals("female", audit.get("gender"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> suggestions = (List<Map<String, Object>>) b.get("suggestions");
        assertEquals(review.recommendation().orElseThrow().suggestions().size(), suggestions.size());
        assertEquals(review.recommendation().orElseThrow().suggestions().get(0).uplift(),
                ((Number) suggestions.get(0).get("uplift")).doubleValue(), 0.0);
        assertTrue(DecisionLog.verify(log.file()).intact());
    }

    @Test
    void override_andReject_needReasonCodes() throws IOException {
        ReviewDesk desk = desk(false);
        Review review = desk.open(jobseeker(), "c-7");
        String top = top(review);
        String other = second(review);
        IllegalArgumentException notTop = assertThrows(IllegalArgumentException.class,
                () -> desk.decide(review, new CounsellorDecision.Accepted(other)));
        assertEquals("Accepted must name the top suggestion '" + top + "'; to choose '" + other
                + "' instead, use Overridden with a reason code", notTop.getMessage());
        IllegalArgumentException noCode = assertThrows(IllegalArgumentException.class,
                () -> desk.decide(review, new CounsellorDecision.Overridden(other, null, null)));
        assertTrue(noCode.getMessage().startsWith("reasonCode is missing; overriding or rejecting a suggestion needs"
                + " one of [JOBSEEKER_PREFERENCE,"), noCode.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> desk.decide(review, new CounsellorDecision.Rejected("BECAUSE", null)));
        assertTrue(unknown.getMessage().startsWith("unknown reasonCode 'BECAUSE'; allowed: ["), unknown.getMessage());
        IllegalArgumentException needsNote = assertThrows(IllegalArgumentException.class,
                () -> desk.decide(review, new CounsellorDecision.Rejected("OTHER", " ")));
        assertEquals("reasonCode OTHER needs a note saying what the reason is", needsNote.getMessage());
        IllegalArgumentException overrideTop = assertThrows(IllegalArgumentException.class,
                () -> desk.decide(review, new CounsellorDecision.Overridden(top, "JOBSEEKER_PREFERENCE", null)));
        assertTrue(overrideTop.getMessage().contains("is the top suggestion; record it with Accepted"));
        assertEquals(0, log.lastSequence(), "nothing is logged for a refused decision");

        ReviewDesk.Decided d = desk.decide(review, new CounsellorDecision.Overridden(other, "JOBSEEKER_PREFERENCE",
                null));
        assertEquals(other, d.referral().orElseThrow().serviceId());
        assertThrows(IllegalStateException.class,
                () -> desk.decide(review, new CounsellorDecision.Rejected("NOT_NOW", null)));

        Review second = desk.open(jobseeker(), "c-7");
        ReviewDesk.Decided rejected = desk.decide(second, new CounsellorDecision.Rejected("NOT_NOW", null));
        assertTrue(rejected.referral().isEmpty());
        assertNull(records().get(1).body().get("finalService"));
    }

    @Test
    void override_toIneligibleService_isRefusedWithTheReason() throws IOException {
        ReviewDesk desk = desk(false);
        Review review = desk.open(Fixtures.profile("js-1", "months_unemployed", 1), "c-1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> desk.decide(review,
                new CounsellorDecision.Overridden("intensive_counselling", "PROFESSIONAL_JUDGEMENT", "needs it")));
        assertEquals("service 'intensive_counselling' cannot be chosen: not eligible: months unemployed is 1"
                + " (needs >= 6)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> desk.decide(review,
                new CounsellorDecision.Overridden("training", "PROFESSIONAL_JUDGEMENT", "x")));
    }

    @Test
    void assessFirst_hidesSuggestionsUntilTheCounsellorsOwnChoiceIsLogged() throws IOException {
        ReviewDesk desk = desk(true);
        Review review = desk.open(jobseeker(), "c-9");
        IllegalStateException hidden = assertThrows(IllegalStateException.class, review::recommendation);
        assertTrue(hidden.getMessage().startsWith("assess-first mode"), hidden.getMessage());
        assertThrows(IllegalStateException.class,
                () -> desk.decide(review, new CounsellorDecision.Rejected("NOT_NOW", null)));
        desk.assess(review, "vocational_training");
        String top = top(review);
        desk.decide(review, new CounsellorDecision.Accepted(top));
        List<LogRecord> r = records();
        assertEquals(List.of("ASSESSMENT", "DECISION"), r.stream().map(LogRecord::type).toList());
        assertEquals("vocational_training", r.get(0).body().get("choice"));
        assertEquals("vocational_training", r.get(1).body().get("assessment"));
        assertThrows(IllegalStateException.class, () -> desk.assess(review, "wage_subsidy"));
    }

    @Test
    void reverse_linksToTheEarlierDecision_andBothStayInTheLog() throws IOException {
        ReviewDesk desk = desk(false);
        Review review = desk.open(jobseeker(), "c-1");
        ReviewDesk.Decided first = desk.decide(review, new CounsellorDecision.Accepted(top(review)));
        ReviewDesk.Decided later = desk.reverse(jobseeker(), first.sequence(), "c-2",
                new CounsellorDecision.Rejected("INFORMATION_NOT_IN_PROFILE", "has a job offer starting next month"));
        assertTrue(later.referral().isEmpty());
        List<LogRecord> r = records();
        assertEquals(List.of("DECISION", "REVERSAL"), r.stream().map(LogRecord::type).toList());
        assertEquals(first.sequence(), ((Number) r.get(1).body().get("reverses")).longValue());
        assertThrows(IllegalArgumentException.class, () -> desk.reverse(jobseeker(), first.sequence(), "c-2",
                new CounsellorDecision.Accepted("wage_subsidy")));
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> desk.reverse(
                Fixtures.profile("js-99"), first.sequence(), "c-2", new CounsellorDecision.Rejected("NOT_NOW", null)));
        assertTrue(other.getMessage().contains("is not a decision about jobseeker 'js-99'"), other.getMessage());

        DecisionTable t = DecisionTable.read(log.file());
        assertEquals(2, t.rows());
        assertEquals(Arrays.asList(Long.toString(later.sequence()), null), Arrays.asList(t.column("reversedBy")));
        assertEquals(Arrays.asList("ACCEPTED", "REJECTED"), Arrays.asList(t.column("decision")));
        assertEquals(Arrays.asList("female", "female"), Arrays.asList(t.column("audit.gender")));
        assertEquals(Arrays.asList("34", "34"), Arrays.asList(t.column("audit.age")));
    }

    @Test
    void killSwitch_opensTheManualWorkflow_andIsLogged() throws IOException {
        ReviewDesk desk = desk(false);
        String version = desk.modelVersion();
        desk.disableModel(version, "drift in the spring caseload", "oversight-1");
        Review review = desk.open(jobseeker(), "c-3");
        assertTrue(review.isManualWorkflow());
        assertEquals("drift in the spring caseload", review.manualWorkflowReason().orElseThrow());
        assertTrue(review.recommendation().isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> desk.decide(review, new CounsellorDecision.Accepted("wage_subsidy")));
        ReviewDesk.Decided d = desk.decide(review, new CounsellorDecision.Overridden("wage_subsidy",
                "PROFESSIONAL_JUDGEMENT", "long-term unemployed, employer interested"));
        assertEquals("wage_subsidy", d.referral().orElseThrow().serviceId());
        desk.enableModel(version, "oversight-1");
        assertFalse(desk.open(jobseeker(), "c-3").isManualWorkflow());
        assertEquals(List.of("MODEL_DISABLED", "MANUAL_WORKFLOW", "DECISION", "MODEL_ENABLED"),
                records().stream().map(LogRecord::type).toList());
        assertEquals("drift in the spring caseload", records().get(2).body().get("manualWorkflow"));
    }

    @Test
    void killSwitch_survivesRetentionPurges_andRestarts() throws IOException {
        Path f = dir.resolve("purged.jsonl");
        Instant[] now = {Instant.parse("2025-01-01T00:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        DecisionLog.Options o = DecisionLog.options().durability(DecisionLog.Durability.FSYNC_EACH)
                .minimumRetention(Duration.ZERO).clock(clock);
        String version;
        try (DecisionLog l = o.open(f)) {
            ReviewDesk desk = ReviewDesk.create(recommender, l, ReasonCodes.defaults(), false);
            version = desk.modelVersion();
            desk.disableModel(version, "drift", "oversight-1");
            desk.disableModel(OTHER_MODEL, "bias", "oversight-1");
            now[0] = now[0].plus(Duration.ofDays(10));
            desk.enableModel(OTHER_MODEL, "oversight-1");
            now[0] = now[0].plus(Duration.ofDays(10));
            l.append("NOTE", Map.of());
            assertEquals(2, l.purge(Duration.ofDays(15), "dpo")); // the first MODEL_DISABLED records go
        }
        try (DecisionLog l = o.open(f)) {
            assertEquals("CHECKPOINT", DecisionLog.read(f).get(0).type());
            ReviewDesk desk = ReviewDesk.create(recommender, l, ReasonCodes.defaults(), false);
            assertTrue(desk.open(jobseeker(), "c-3").isManualWorkflow(), "a purge re-enabled a disabled model");
            now[0] = now[0].plus(Duration.ofDays(10));
            l.append("NOTE", Map.of());
            // MODEL_ENABLED, NOTE, PURGE, MANUAL_WORKFLOW go; the second purge carries the state on
            assertEquals(4, l.purge(Duration.ofDays(5), "dpo"));
        }
        try (DecisionLog l = o.open(f)) {
            assertTrue(l.verify().intact());
            ReviewDesk desk = ReviewDesk.create(recommender, l, ReasonCodes.defaults(), false);
            assertTrue(desk.open(jobseeker(), "c-3").isManualWorkflow(), "a second purge re-enabled the model");
            assertEquals(List.of(version, OTHER_MODEL, OTHER_MODEL),
                    ((List<?>) DecisionLog.read(f).get(0).body().get(DecisionLog.CARRIED)).stream()
                            .map(c -> ((Map<?, ?>) ((Map<?, ?>) c).get("body")).get("modelVersion")).toList());
        }
    }

    @Test
    void serviceReferral_cannotBeMadeOutsideTheWorkflow() {
        for (var c : ServiceReferral.class.getDeclaredConstructors()) {
            assertFalse(Modifier.isPublic(c.getModifiers()) || Modifier.isProtected(c.getModifiers()), c.toString());
        }
        assertTrue(Modifier.isFinal(ServiceReferral.class.getModifiers()));
        for (var m : ServiceReferral.class.getMethods()) {
            assertFalse(Modifier.isStatic(m.getModifiers()) && m.getReturnType() == ServiceReferral.class,
                    "no public factory: " + m);
        }
    }

    /** A store that fails the next append(s) with an I/O error, then behaves like the log underneath. */
    private static final class FailingStore implements org.fairpath.core.log.DecisionStore {
        private final DecisionLog inner;
        int failNext;

        FailingStore(DecisionLog inner) {
            this.inner = inner;
        }

        @Override
        public org.fairpath.core.log.Appended append(String type, java.util.Map<String, ?> body) throws IOException {
            if (failNext > 0) {
                failNext--;
                throw new IOException("simulated: disk full");
            }
            return inner.append(type, body);
        }

        @Override
        public org.fairpath.core.log.Head head() {
            return inner.head();
        }

        @Override
        public org.fairpath.core.log.Verification verify() throws IOException {
            return inner.verify();
        }

        @Override
        public org.fairpath.core.log.Verification verify(org.fairpath.core.log.Head expected) throws IOException {
            return inner.verify(expected);
        }

        @Override
        public void forEach(java.util.function.Consumer<LogRecord> each) throws IOException {
            inner.forEach(each);
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }

    @Test
    void decide_appendFails_reviewStaysOpenAndTheRetrySucceeds() throws IOException {
        desk(false);
        FailingStore store = new FailingStore(log);
        ReviewDesk d = ReviewDesk.create(recommender, store, ReasonCodes.defaults(), false);
        Review review = d.open(jobseeker(), "c-1");
        store.failNext = 1;
        assertThrows(IOException.class, () -> d.decide(review, new CounsellorDecision.Accepted(top(review))));
        assertFalse(review.isDecided(), "a review is decided only once its record is durable");
        assertTrue(records().isEmpty());
        ReviewDesk.Decided ok = d.decide(review, new CounsellorDecision.Accepted(top(review)));
        assertTrue(review.isDecided());
        assertEquals(List.of("DECISION"), records().stream().map(LogRecord::type).toList());
        assertEquals(ok.sequence(), records().get(0).sequence());
        assertThrows(IllegalStateException.class, () -> d.decide(review,
                new CounsellorDecision.Accepted(top(review))));
    }

    @Test
    void killSwitch_survivesARestart_andAFailedSwitchChangesNothing() throws IOException {
        ReviewDesk desk = desk(false);
        String version = desk.modelVersion();
        desk.disableModel(version, "drift", "oversight-1");
        log.close();
        ReviewDesk restarted = desk(false);
        assertTrue(restarted.isDisabled(version), "a restart must not re-enable a disabled model");
        assertTrue(restarted.open(jobseeker(), "c-1").isManualWorkflow());
        FailingStore store = new FailingStore(log);
        ReviewDesk failing = ReviewDesk.create(recommender, store, ReasonCodes.defaults(), false);
        store.failNext = 1;
        assertThrows(IOException.class, () -> failing.enableModel(version, "oversight-1"));
        assertTrue(failing.isDisabled(version), "the switch changes only once its record is durable");
        failing.enableModel(version, "oversight-1");
        log.close();
        assertFalse(desk(false).isDisabled(version));
        store.failNext = 1;
        ReviewDesk again = ReviewDesk.create(recommender, new FailingStore(log), ReasonCodes.defaults(), false);
        assertFalse(again.isDisabled(version));
    }

    /** Issue 17: the decision record keeps the hash of the explanation shown, checked, and null when none was given. */
    @Test
    void decide_withExplanationHash_keepsIt_andRefusesMalformedOnes() throws IOException {
        ReviewDesk desk = desk(false);
        Review bad = desk.open(jobseeker(), "c-1");
        String top = top(bad);
        for (String h : new String[] {"abc", "A".repeat(64), "0".repeat(63) + "g"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> desk.decide(bad, new CounsellorDecision.Accepted(top), h));
            assertTrue(e.getMessage().contains("is not a SHA-256 (64 lower-case hex digits)"), e.getMessage());
        }
        assertTrue(records().isEmpty(), "nothing is logged for a refused decision");
        String hash = "0123456789abcdef".repeat(4);
        desk.decide(bad, new CounsellorDecision.Accepted(top), hash);
        Review plain = desk.open(Fixtures.profile("js-43", "months_unemployed", 14), "c-1");
        desk.decide(plain, new CounsellorDecision.Accepted(top(plain)));
        List<LogRecord> r = records();
        assertEquals(hash, r.get(0).body().get("explanationHash"));
        assertTrue(r.get(1).body().containsKey("explanationHash"));
        assertNull(r.get(1).body().get("explanationHash"));
    }

    /**
     * Issue 17: a contest is re-reviewed by a different counsellor, once; the outcome is linked to the contest and the
     * decision by sequence number and hash; a changed re-review is the decision in force; the log still verifies.
     */
    @Test
    void contest_reReviewedByAnotherCounsellor_linkedByHash_sameCounsellorRefused() throws IOException {
        ReviewDesk desk = desk(false);
        JobseekerProfile js = jobseeker();
        Review review = desk.open(js, "c-1");
        String top = top(review);
        long decided = desk.decide(review, new CounsellorDecision.Accepted(top)).sequence();
        Review other = desk.open(Fixtures.profile("js-43", "months_unemployed", 14), "c-2");
        long otherDecision = desk.decide(other, new CounsellorDecision.Accepted(top(other))).sequence();

        // what cannot be contested
        assertTrue(assertThrows(IllegalArgumentException.class, () -> desk.contest(99, "js-42", "desk-1"))
                .getMessage().contains("(there is no such record)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> desk.contest(otherDecision, "js-42", "desk-1"))
                .getMessage().contains("is not a decision about jobseeker 'js-42'"));
        long contest = desk.contest(decided, "js-42", "desk-1");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> desk.contest(decided, "js-42", "desk-1"))
                .getMessage().contains("already contested (CONTEST record " + contest + ")"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> desk.contest(contest, "js-42", "desk-1"))
                .getMessage().contains("(it is a CONTEST)"));

        // the same counsellor may not re-review, whatever the outcome
        IllegalArgumentException same = assertThrows(IllegalArgumentException.class,
                () -> desk.uphold(contest, js, "c-1"));
        assertEquals("counsellor 'c-1' made the contested decision " + decided + "; a contest is re-reviewed by a"
                + " different counsellor", same.getMessage());
        assertThrows(IllegalArgumentException.class, () -> desk.change(contest, js, "c-1",
                new CounsellorDecision.Rejected("NOT_NOW", null)));
        // only a contest can be re-reviewed, and only by its jobseeker's profile
        assertTrue(assertThrows(IllegalArgumentException.class, () -> desk.uphold(decided, js, "c-3")).getMessage()
                .contains("is not a contest by jobseeker 'js-42' (it is a DECISION)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> desk.uphold(contest,
                Fixtures.profile("js-43", "months_unemployed", 14), "c-3")).getMessage()
                .contains("is not a contest by jobseeker 'js-43'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> desk.change(contest, js, "c-3",
                new CounsellorDecision.Accepted(top))).getMessage().contains("to keep the decision, use uphold"));
        assertEquals(3, records().size(), "two decisions and one contest; the refused calls logged nothing");

        ReviewDesk.Decided changed = desk.change(contest, js, "c-3", new CounsellorDecision.Rejected("NOT_NOW", null));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> desk.uphold(contest, js, "c-4")).getMessage()
                .contains("already re-reviewed (RE_REVIEW record " + changed.sequence() + ", CHANGED)"));

        List<LogRecord> r = records();
        LogRecord decision = r.stream().filter(x -> x.sequence() == decided).findFirst().orElseThrow();
        LogRecord c = r.stream().filter(x -> x.sequence() == contest).findFirst().orElseThrow();
        LogRecord rr = r.stream().filter(x -> x.sequence() == changed.sequence()).findFirst().orElseThrow();
        assertEquals("CONTEST", c.type());
        assertEquals(decided, ((Number) c.body().get("contests")).longValue());
        assertEquals(decision.hash(), c.body().get("contestsHash"));
        assertEquals("c-1", c.body().get("decidedBy"));
        assertEquals(decision.body().get("audit"), c.body().get("audit"));
        assertEquals("RE_REVIEW", rr.type());
        assertEquals("CHANGED", rr.body().get("outcome"));
        assertEquals(contest, ((Number) rr.body().get("contest")).longValue());
        assertEquals(c.hash(), rr.body().get("contestHash"));
        assertEquals(decided, ((Number) rr.body().get("reviews")).longValue());
        assertEquals(decision.hash(), rr.body().get("reviewsHash"));
        assertEquals(decided, ((Number) rr.body().get("reverses")).longValue());
        assertEquals("c-3", rr.body().get("counsellor"));
        assertTrue(DecisionLog.verify(log.file()).intact());

        DecisionTable t = DecisionTable.read(log.file());
        assertEquals(List.of("DECISION", "DECISION", "RE_REVIEW"), Arrays.asList(t.column("type")));
        assertEquals(Arrays.asList(Long.toString(contest), null, null), Arrays.asList(t.column("contestedBy")));
        assertEquals(Arrays.asList("CHANGED", null, null), Arrays.asList(t.column("contestOutcome")));
        assertEquals(Arrays.asList(Long.toString(changed.sequence()), null, null),
                Arrays.asList(t.column("reversedBy")));

        // an upheld re-review of the other decision: no new decision row, the outcome is on the contested row
        long contest2 = desk.contest(otherDecision, "js-43", "desk-1");
        long upheld = desk.uphold(contest2, Fixtures.profile("js-43", "months_unemployed", 14), "c-1");
        LogRecord u = records().stream().filter(x -> x.sequence() == upheld).findFirst().orElseThrow();
        assertEquals("UPHELD", u.body().get("outcome"));
        assertFalse(u.body().containsKey("reverses"));
        DecisionTable t2 = DecisionTable.read(log.file());
        assertEquals(3, t2.rows());
        assertEquals(Arrays.asList("CHANGED", "UPHELD", null), Arrays.asList(t2.column("contestOutcome")));
    }
}
