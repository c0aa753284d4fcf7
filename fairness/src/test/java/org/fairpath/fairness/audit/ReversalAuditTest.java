package org.fairpath.fairness.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.fairpath.fairness.metrics.AuditSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fresh-eyes test of issue 13, case 3 (api/Rev.java, rev.jsonl, rev_bad2.jsonl): a reversal replaces the decision it
 * reverses in the counsellor-behaviour part of a log audit, and a log record the audit cannot interpret is refused
 * naming its sequence number. Oracle: hand counts over the logs written below.
 */
final class ReversalAuditTest {

    @TempDir
    Path dir;

    private static Map<String, Object> body(String jobseeker, String gender, String kind, String fin,
                                            Integer finIntensity, Long reverses) {
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
        b.put("finalIntensity", finIntensity);
        b.put("assessment", null);
        b.put("manualWorkflow", null);
        b.put("reverses", reverses);
        return b;
    }

    /** 20 women and 20 men accepted; every woman's acceptance then reversed to REJECTED. */
    private Path reversedWomen(boolean otherJobseeker) throws IOException {
        Path f = dir.resolve("rev" + otherJobseeker + ".jsonl");
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.GROUP_COMMIT)) {
            List<Long> women = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                long s = log.append("DECISION", body("js-" + i, i % 2 == 0 ? "female" : "male", "ACCEPTED", "vt", 4,
                        null)).sequence();
                if (i % 2 == 0) {
                    women.add(s);
                }
            }
            for (int k = 0; k < women.size(); k++) {
                String who = otherJobseeker && k == 3 ? "js-1" : "js-" + (2 * k);
                log.append("REVERSAL", body(who, "female", "REJECTED", null, null, women.get(k)));
            }
        }
        return f;
    }

    private static OverrideAudit audit(DecisionTable t) {
        return OverrideAudit.of(t, Map.of("gender", t.column("audit.gender")), AuditSettings.withDefaults());
    }

    @Test
    void rev_reversedAcceptances_countAsRejections_everywhere() throws IOException {
        DecisionTable t = DecisionTable.read(reversedWomen(false));
        OverrideAudit a = audit(t);
        // by hand: women 20 of 20 rejected (all reversed), men 0 of 20; nobody is still "accepted" among women
        assertEquals(1.0, a.rejectRate("gender").byGroup().get(0).estimate().value(), 0.0);
        assertEquals(0.0, a.rejectRate("gender").byGroup().get(1).estimate().value(), 0.0);
        assertEquals(20, a.directions("gender").count("female", OverrideAudit.REJECTED));
        assertEquals(0, a.directions("gender").count("female", OverrideAudit.ACCEPTED));
        Finding reject = a.findings(AuditPolicy.withDefaults(), AuditSettings.withDefaults()).stream()
                .filter(f -> f.check().equals("reject_rate_difference")).findFirst().orElseThrow();
        assertEquals(Finding.Level.FAIL, reject.level(), reject.sentence());
        assertEquals(1.0, Math.abs(reject.value()), 0.0, reject.sentence());
    }

    @Test
    void revBad2_reversalOfAnotherJobseekersRecord_isRefusedNamingTheSequence() throws IOException {
        DecisionTable t = DecisionTable.read(reversedWomen(true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> audit(t));
        // the fourth reversal is record 44 (40 decisions first), reversing record 7 (js-6) for js-1
        assertTrue(e.getMessage().contains("record 44 is a REVERSAL for jobseeker 'js-1' of record 7, which belongs"
                + " to jobseeker 'js-6'"), e.getMessage());
    }

    @Test
    void uninterpretableRecords_areRefusedNamingTheSequence() throws IOException {
        Path f = dir.resolve("bad.jsonl");
        try (DecisionLog log = DecisionLog.open(f, DecisionLog.Durability.GROUP_COMMIT)) {
            log.append("DECISION", body("js-0", "female", "ACCEPTED", "vt", 4, null));
            log.append("DECISION", body("js-1", "male", "ACCEPTED", null, null, null));
        }
        IllegalArgumentException noService = assertThrows(IllegalArgumentException.class,
                () -> audit(DecisionTable.read(f)));
        assertTrue(noService.getMessage().contains("record 2 is ACCEPTED but names no finalService"),
                noService.getMessage());
        Path g = dir.resolve("kind.jsonl");
        try (DecisionLog log = DecisionLog.open(g, DecisionLog.Durability.GROUP_COMMIT)) {
            log.append("DECISION", body("js-0", "female", "DEFERRED", "vt", 4, null));
        }
        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> audit(DecisionTable.read(g)));
        assertTrue(kind.getMessage().contains("record 1 (DECISION) has decision kind 'DEFERRED'; allowed: ACCEPTED,"
                + " OVERRIDDEN, REJECTED"), kind.getMessage());
    }
}
