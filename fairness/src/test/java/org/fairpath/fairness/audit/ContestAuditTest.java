package org.fairpath.fairness.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairpath.core.log.DecisionLog;
import org.fairpath.core.review.DecisionTable;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.metrics.MetricFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17: contest rates and re-review outcomes by group, audited like overrides. Oracle: hand counts over the log
 * written below (4 women, 6 men; contests, re-reviews and a reversal placed by hand).
 */
final class ContestAuditTest {

    /** Groups this small are suppressed by default (privacy); the hand counts here need them shown. */
    private static final AuditSettings SETTINGS = AuditSettings.withDefaults().withMinGroupSize(1);

    @TempDir
    Path dir;

    private static Map<String, Object> decision(String jobseeker, String gender, String kind, String fin,
                                                Long reverses) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("jobseeker", jobseeker);
        b.put("counsellor", "c-1");
        b.put("audit", Map.of("auditOnly", true, "gender", gender));
        b.put("modelVersion", reverses == null ? "v" : null);
        b.put("topSuggestion", reverses == null ? "vt" : null);
        b.put("topIntensity", reverses == null ? 4 : null);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", kind);
        d.put("service", fin);
        d.put("reasonCode", "ACCEPTED".equals(kind) ? null : "OTHER");
        b.put("decision", d);
        b.put("finalService", fin);
        b.put("finalIntensity", fin == null ? null : 4);
        b.put("assessment", null);
        b.put("manualWorkflow", null);
        b.put("reverses", reverses);
        return b;
    }

    private static Map<String, Object> contest(String jobseeker, long contests) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("jobseeker", jobseeker);
        b.put("contests", contests);
        return b;
    }

    private static Map<String, Object> reReview(Map<String, Object> body, long contest, long reviews,
                                                String outcome) {
        Map<String, Object> b = new LinkedHashMap<>(body);
        b.put("counsellor", "c-2");
        b.put("contest", contest);
        b.put("reviews", reviews);
        b.put("outcome", outcome);
        if (outcome.equals("CHANGED")) {
            b.put("reverses", reviews);
        }
        return b;
    }

    private Path log(String badOutcome) throws IOException {
        Path f = dir.resolve("contests" + (badOutcome != null) + ".jsonl");
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.GROUP_COMMIT)) {
            long[] s = new long[10];
            for (int i = 0; i < 10; i++) {
                s[i] = log.append("DECISION", decision("js-" + i, i < 4 ? "female" : "male", "ACCEPTED", "vt", null))
                        .sequence();
            }
            long c0 = log.append("CONTEST", contest("js-0", s[0])).sequence();
            long c1 = log.append("CONTEST", contest("js-1", s[1])).sequence();
            long c4 = log.append("CONTEST", contest("js-4", s[4])).sequence();
            long r5 = log.append("REVERSAL", decision("js-5", "male", "REJECTED", null, s[5])).sequence();
            log.append("CONTEST", contest("js-5", r5)); // contested after a reversal; re-review pending
            log.append("RE_REVIEW", reReview(decision("js-0", "female", "REJECTED", null, null), c0, s[0],
                    "CHANGED"));
            log.append("RE_REVIEW", reReview(Map.of("jobseeker", "js-1", "audit", Map.of("auditOnly", true,
                    "gender", "female")), c1, s[1], badOutcome == null ? "UPHELD" : badOutcome));
            log.append("RE_REVIEW", reReview(Map.of("jobseeker", "js-4", "audit", Map.of("auditOnly", true,
                    "gender", "male")), c4, s[4], "UPHELD"));
        }
        return f;
    }

    private static MetricFrame.GroupResult group(MetricFrame f, String label) {
        return f.byGroup().stream().filter(g -> g.group().equals(List.of(label))).findFirst().orElseThrow();
    }

    @Test
    void contestAndChangeRates_byGroup_matchHandCounts() throws IOException {
        DecisionTable t = DecisionTable.read(log(null));
        Map<String, String[]> groups = Map.of("gender", t.column("audit.gender"));
        ContestAudit a = ContestAudit.of(t, groups, SETTINGS);
        assertEquals(10, a.decisions());
        assertEquals(4, a.contested()); // js-0, js-1, js-4 and js-5 (after its reversal)
        assertEquals(1, a.pending()); // js-5
        // by hand: women 2 of 4 contested, men 2 of 6
        MetricFrame contest = a.contestRate("gender");
        assertEquals(2, group(contest, "female").estimate().numerator(), 0.0);
        assertEquals(4, group(contest, "female").estimate().denominator(), 0.0);
        assertEquals(0.5, group(contest, "female").estimate().value(), 0.0);
        assertEquals(2, group(contest, "male").estimate().numerator(), 0.0);
        assertEquals(1.0 / 3, group(contest, "male").estimate().value(), 1e-15);
        // by hand: re-reviewed women 2 (js-0 changed, js-1 upheld) -> 1/2; men 1 (js-4 upheld) -> 0/1
        MetricFrame change = a.changeRate("gender").orElseThrow();
        assertEquals(0.5, group(change, "female").estimate().value(), 0.0);
        assertEquals(2, group(change, "female").estimate().denominator(), 0.0);
        assertEquals(0.0, group(change, "male").estimate().value(), 0.0);
        assertEquals(1, group(change, "male").estimate().denominator(), 0.0);

        // the changed re-review is the decision in force: js-0 now REJECTED, like js-5's reversal
        OverrideAudit o = OverrideAudit.of(t, groups, SETTINGS);
        assertEquals(0.25, group(o.rejectRate("gender"), "female").estimate().value(), 0.0);
        assertEquals(1.0 / 6, group(o.rejectRate("gender"), "male").estimate().value(), 1e-15);

        // and the whole log audit carries contest findings beside the override ones
        DecisionLogAudit whole = DecisionLogAudit.of(t, groups, 1, SETTINGS,
                AuditPolicy.withDefaults());
        assertEquals(0.5, group(whole.contests().contestRate("gender"), "female").estimate().value(), 0.0);
        assertTrue(whole.audit().findings().stream().anyMatch(f -> f.check().startsWith("contest_rate_difference")),
                whole.audit().findings().toString());
    }

    @Test
    void noReReviewYet_hasNoChangeRate_notAZero() throws IOException {
        Path f = dir.resolve("pending.jsonl");
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.GROUP_COMMIT)) {
            long s = log.append("DECISION", decision("js-0", "female", "ACCEPTED", "vt", null)).sequence();
            log.append("DECISION", decision("js-1", "male", "ACCEPTED", "vt", null));
            log.append("CONTEST", contest("js-0", s));
        }
        DecisionTable t = DecisionTable.read(f);
        ContestAudit a = ContestAudit.of(t, Map.of("gender", t.column("audit.gender")), SETTINGS);
        assertFalse(a.changeRate("gender").isPresent());
        assertEquals(1, a.pending());
        assertTrue(a.findings(AuditPolicy.withDefaults(), SETTINGS, Map.of()).stream()
                .noneMatch(x -> x.check().startsWith("contest_change_rate")));
    }

    @Test
    void unknownReReviewOutcome_isRefused_namingTheRecord() throws IOException {
        DecisionTable t = DecisionTable.read(log("MAYBE"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContestAudit.of(t, Map.of("gender", t.column("audit.gender")), SETTINGS));
        assertEquals("decision log record 2 was contested (CONTEST 12) with re-review outcome 'MAYBE'; allowed:"
                + " UPHELD, CHANGED", e.getMessage());
    }

    @Test
    void logWithoutContests_getsNoContestFindings_butItsRatesAreZero() throws IOException {
        Path f = dir.resolve("none.jsonl");
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.GROUP_COMMIT)) {
            log.append("DECISION", decision("js-0", "female", "ACCEPTED", "vt", null));
            log.append("DECISION", decision("js-1", "male", "ACCEPTED", "vt", null));
        }
        DecisionTable t = DecisionTable.read(f);
        ContestAudit a = ContestAudit.of(t, Map.of("gender", t.column("audit.gender")), SETTINGS);
        assertEquals(0.0, group(a.contestRate("gender"), "female").estimate().value(), 0.0);
        assertTrue(a.findings(AuditPolicy.withDefaults(), SETTINGS, Map.of()).isEmpty());
    }
}
