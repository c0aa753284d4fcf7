package org.fairpath.fairness.audit;

import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.input.Bands;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.metrics.MetricFrame;
import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.GroupCounts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairpath.core.log.DecisionLog;
import org.fairpath.core.review.DecisionTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class AllocationTest {

    private static String[] repeat(Object... valueCountPairs) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < valueCountPairs.length; i += 2) {
            for (int k = 0; k < (Integer) valueCountPairs[i + 1]; k++) {
                l.add((String) valueCountPairs[i]);
            }
        }
        return l.toArray(new String[0]);
    }

    /**
     * Oracle: by hand. A: x 10, y 20, z 30; B: x 20, y 20, z 20. Expected 15, 20, 25 in both rows; chi-square =
     * 2 * (25/15 + 0 + 25/25) = 16/3 on 2 degrees of freedom, whose survival function is exp(-x/2).
     */
    @Test
    void chiSquare_handComputedTwoByThree() {
        String[] groups = repeat("A", 60, "B", 60);
        String[] cats = new String[120];
        String[] a = repeat("x", 10, "y", 20, "z", 30);
        String[] b = repeat("x", 20, "y", 20, "z", 20);
        System.arraycopy(a, 0, cats, 0, 60);
        System.arraycopy(b, 0, cats, 60, 60);
        Allocation al = Allocation.of("g", groups, cats, AuditSettings.withDefaults());
        assertEquals(16.0 / 3, al.chiSquare(), 1e-12);
        assertEquals(2, al.degreesOfFreedom());
        assertEquals(Math.exp(-8.0 / 3), al.pValue(), 1e-9);
        assertTrue(al.reliable());
        assertEquals(0.5, al.share("A", "z").value(), 0.0);
        assertEquals(50.0 / 120, al.overallShare("z"), 1e-15);
        assertEquals(List.of("x", "y", "z"), al.categories());
    }

    @Test
    void suppressedGroups_areWithheldButCountOverall() {
        String[] groups = repeat("A", 30, "B", 30, "C", 3);
        String[] cats = repeat("x", 15, "y", 15, "x", 10, "y", 20, "x", 3);
        Allocation al = Allocation.of("g", groups, cats, AuditSettings.withDefaults());
        assertEquals(List.of("C"), al.suppressedGroups());
        assertEquals(List.of("A", "B"), al.groups());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> al.share("C", "x"));
        assertTrue(e.getMessage().contains("'C' is suppressed"), e.getMessage());
        assertEquals(28.0 / 63, al.overallShare("x"), 1e-15);
        assertEquals(1, al.degreesOfFreedom());
    }

    @Test
    void bands_labelNumbersByCuts() {
        assertArrayEquals(new String[] {"<25", "25-50", "50+", "", ""},
                Bands.of(new String[] {"18", "25", "50", "", null}, 25, 50));
        // issue 13: bands on text made every value "(missing)"; now it is an error naming the value
        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> Bands.of(new String[] {"18", "male"}, 25));
        assertTrue(text.getMessage().contains("cannot band 'male': not a number"), text.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Bands.of(new String[0], 50, 25));
    }

    @TempDir
    Path dir;

    private static Map<String, Object> decision(String gender, int age, String kind, String top, int topIntensity,
                                                String fin, Integer finIntensity, String assessment) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("jobseeker", "js");
        b.put("counsellor", "c-1");
        b.put("audit", Map.of("auditOnly", true, "gender", gender, "age", age));
        b.put("modelVersion", "v");
        b.put("topSuggestion", top);
        b.put("topIntensity", topIntensity);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("kind", kind);
        d.put("service", fin);
        d.put("reasonCode", kind.equals("ACCEPTED") ? null : "OTHER");
        b.put("decision", d);
        b.put("finalService", fin);
        b.put("finalIntensity", finIntensity);
        b.put("assessment", assessment);
        b.put("manualWorkflow", null);
        b.put("reverses", null);
        return b;
    }

    /** Oracle: by hand over 24 logged decisions. */
    @Test
    void overrideAudit_fromTheDecisionLog() throws IOException {
        Path f = dir.resolve("log.jsonl");
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.GROUP_COMMIT)) {
            // women: 12 decisions: 6 accepted, 4 overridden to less intensive, 2 rejected
            for (int i = 0; i < 6; i++) {
                log.append("DECISION", decision("female", 30 + i, "ACCEPTED", "vt", 4, "vt", 4, "vt"));
            }
            for (int i = 0; i < 4; i++) {
                log.append("DECISION", decision("female", 40, "OVERRIDDEN", "vt", 4, "dss", 1, "dss"));
            }
            for (int i = 0; i < 2; i++) {
                log.append("DECISION", decision("female", 55, "REJECTED", "vt", 4, null, null, null));
            }
            // men: 12 decisions: 10 accepted, 2 overridden to more intensive
            for (int i = 0; i < 10; i++) {
                log.append("DECISION", decision("male", 35, "ACCEPTED", "jsa", 2, "jsa", 2, "jsa"));
            }
            for (int i = 0; i < 2; i++) {
                log.append("DECISION", decision("male", 60, "OVERRIDDEN", "jsa", 2, "vt", 4, "jsa"));
            }
            log.append("MODEL_DISABLED", Map.of("modelVersion", "v", "reason", "test", "actor", "x"));
        }
        DecisionTable t = DecisionTable.read(f);
        Map<String, String[]> groups = new LinkedHashMap<>();
        groups.put("gender", t.column("audit.gender"));
        groups.put("age", Bands.of(t.column("audit.age"), 50));
        OverrideAudit a = OverrideAudit.of(t, groups, AuditSettings.withDefaults());
        assertEquals(24, a.decisions());
        MetricFrame byGender = a.overrideRate("gender");
        assertEquals(4.0 / 12, byGender.byGroup().get(0).estimate().value(), 1e-15); // female
        assertEquals(2.0 / 12, byGender.byGroup().get(1).estimate().value(), 1e-15); // male
        assertEquals(2.0 / 12, a.rejectRate("gender").byGroup().get(0).estimate().value(), 1e-15);
        Allocation dir = a.directions("gender");
        assertEquals(4, dir.count("female", OverrideAudit.LESS_INTENSIVE));
        assertEquals(2, dir.count("male", OverrideAudit.MORE_INTENSIVE));
        assertEquals(0, dir.count("male", OverrideAudit.LESS_INTENSIVE));
        assertFalse(dir.reliable()); // small expected counts: the chi-square is flagged
        // assess-first agreement: women 6 of 10 assessed agree (the 4 overrides matched their own prior choice
        // of dss, not the top suggestion vt); men 12 of 12 (even the two who then overrode had first chosen jsa)
        MetricFrame agree = a.assessmentAgreement("gender").orElseThrow();
        assertEquals(6.0 / 10, agree.byGroup().get(0).estimate().value(), 1e-15);
        assertEquals(1.0, agree.byGroup().get(1).estimate().value(), 0.0);
        // age bands: <50 has 6 + 4 + 10 = 20 decisions, 50+ has 2 + 2 = 4 (suppressed)
        MetricFrame.GroupResult older = a.overrideRate("age").byGroup().stream()
                .filter(g -> g.group().equals(List.of("50+"))).findFirst().orElseThrow();
        assertTrue(older.suppressed());
        assertEquals(4, older.cases());

        // the same log as audit input: the favourable decision is a referral to any service
        AuditData referrals = AuditData.fromDecisionTable(t, Map.of("gender", t.column("audit.gender")));
        Map<List<String>, GroupCounts> referred = AuditCounts.of(referrals, 1).groups(List.of("gender"));
        assertEquals(new GroupCounts(12, 10, 0, 0, 0, 0), referred.get(List.of("female")));
        assertEquals(new GroupCounts(12, 12, 0, 0, 0, 0), referred.get(List.of("male")));
    }

    /** A clock the test moves from month to month. */
    private static final class MovableClock extends java.time.Clock {
        java.time.Instant now;

        MovableClock(String start) {
            now = java.time.Instant.parse(start);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    /**
     * Issue 13: a decision-log audit has allocation, override, agreement and trend findings. January: 20 women and
     * 20 men, all referred; February: 30 women all rejected, 30 men all referred. Oracle: by hand — February's
     * referral-rate ratio women / men is 0/30 over 30/30 = 0, wholly below 0.8 (FAIL); the reject rate differs by
     * 30/50 - 0/50 = 0.6 overall (FAIL).
     */
    @Test
    void decisionLogAudit_hasFindingsForEveryPart_includingTrends() throws IOException {
        // (the assess-first agreement is 100% in both groups here; it is checked, not flagged)
        Path f = dir.resolve("months.jsonl");
        MovableClock clock = new MovableClock("2026-01-15T10:00:00Z");
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.GROUP_COMMIT, java.time.Duration.ofDays(400),
                clock)) {
            for (int i = 0; i < 20; i++) {
                log.append("DECISION", decision("female", 30, "ACCEPTED", "jsa", 2, "jsa", 2, "jsa"));
                log.append("DECISION", decision("male", 30, "ACCEPTED", "jsa", 2, "jsa", 2, "jsa"));
            }
            clock.now = java.time.Instant.parse("2026-02-15T10:00:00Z");
            for (int i = 0; i < 30; i++) {
                log.append("DECISION", decision("female", 30, "REJECTED", "jsa", 2, null, null, "jsa"));
                log.append("DECISION", decision("male", 30, "ACCEPTED", "jsa", 2, "jsa", 2, "jsa"));
            }
        }
        DecisionTable t = DecisionTable.read(f);
        DecisionLogAudit a = DecisionLogAudit.of(t, Map.of("gender", t.column("audit.gender")), 1,
                AuditSettings.withDefaults(), AuditPolicy.withDefaults());
        assertEquals(List.of("2026-01", "2026-02"), List.copyOf(a.trend("gender").keySet()));
        Finding feb = a.audit().findings().stream()
                .filter(x -> x.check().equals("trend_demographic_parity_ratio:2026-02")).findFirst().orElseThrow();
        assertEquals(Finding.Level.FAIL, feb.level(), feb.sentence());
        // equal sizes: the first label (female) is the reference, so men / women = 30/30 over 0/30 = +infinity
        assertEquals(Double.POSITIVE_INFINITY, feb.value(), feb.sentence());
        assertEquals(1 - 0.05 / 2, feb.interval().confidence(), 1e-15); // simultaneous over the two months
        Finding reject = a.audit().findings().stream().filter(x -> x.check().equals("reject_rate_difference"))
                .findFirst().orElseThrow();
        assertEquals(0.6, Math.abs(reject.value()), 1e-12);
        assertEquals(Finding.Level.FAIL, reject.level(), reject.sentence());
        assertTrue(a.audit().findings().stream().anyMatch(x -> x.check().equals("service_share_difference")));
        assertTrue(a.audit().findings().stream().anyMatch(x -> x.check().equals("assess_first_agreement_difference")));
        assertEquals(Finding.Level.FAIL, a.audit().findings().get(0).level()); // most serious first
    }
}
