package org.fairpath.fairness.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.metrics.Disparity;
import org.fairpath.fairness.stats.AuditCounts;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 1 (fresh-eyes t/fairX2.csv, t/fairX3.csv): a group whose true or false positive rate is undefined
 * must still get a finding for every check. Oracle: counts chosen so the rates are exact by hand (M and F: 8,000
 * cases each, TPR = FPR = 2000/4000 = 0.5; X: 2,000 cases, 1,600 referred, all with one outcome, so its one defined
 * rate is 1600/2000 = 0.8), and Fairlearn's equalized_odds_difference = max(TPR difference, FPR difference) with NaN
 * groups skipped (shared/fairlearn README), which gives 0.3 for both files.
 */
final class UndefinedPartFindingTest {

    private static final List<String> CHECKS = List.of("demographic_parity_ratio", "equal_opportunity_difference",
            "equalized_odds_difference");

    /** fairX2 when {@code xOutcome} is false (X has only unfavourable outcomes), fairX3 when true. */
    private static AuditCounts counts(boolean xOutcome) {
        List<String> g = new ArrayList<>();
        List<Boolean> d = new ArrayList<>();
        List<Boolean> o = new ArrayList<>();
        for (String label : List.of("M", "F")) {
            for (int cell = 0; cell < 4; cell++) {
                for (int k = 0; k < 2000; k++) {
                    g.add(label);
                    d.add(cell % 2 == 0);
                    o.add(cell < 2);
                }
            }
        }
        for (int k = 0; k < 2000; k++) {
            g.add("X");
            d.add(k < 1600);
            o.add(xOutcome);
        }
        boolean[] dec = new boolean[d.size()];
        for (int i = 0; i < dec.length; i++) {
            dec[i] = d.get(i);
        }
        return AuditCounts.of(AuditData.builder().group("gender", g.toArray(new String[0])).decisions(dec)
                .outcomes(o.toArray(new Boolean[0])).build(), 1);
    }

    private static List<Finding> findings(AuditCounts c) {
        return Audit.run(c, AuditSettings.withDefaults(), AuditPolicy.withDefaults()).findings();
    }

    private static Finding ofX(List<Finding> all, String check) {
        List<Finding> f = all.stream().filter(x -> x.check().equals(check) && x.group().equals(List.of("X")))
                .toList();
        assertEquals(1, f.size(), all.toString());
        return f.get(0);
    }

    private static void everyGroupHasEveryCheck(List<Finding> all) {
        for (String check : CHECKS) {
            Set<List<String>> seen = new HashSet<>();
            all.stream().filter(f -> f.check().equals(check)).forEach(f -> {
                seen.add(f.group());
                seen.add(f.against());
            });
            assertEquals(Set.of(List.of("M"), List.of("F"), List.of("X")), seen, check + ": " + all);
        }
    }

    @Test
    void fairX2_groupWithoutFavourableOutcomes_getsUndefinedOpportunityAndJudgedFprGap() {
        AuditCounts c = counts(false);
        List<Finding> all = findings(c);
        everyGroupHasEveryCheck(all);

        Finding opp = ofX(all, "equal_opportunity_difference");
        assertEquals(Finding.Level.UNDEFINED, opp.level(), opp.sentence());
        assertTrue(opp.sentence().contains("'X' has no true positive rate (no cases with a favourable true outcome"),
                opp.sentence());

        Finding odds = ofX(all, "equalized_odds_difference");
        assertEquals(0.3, odds.value(), 1e-12, odds.sentence());
        assertTrue(odds.sentence().contains("the largest gap being in its false positive rate"), odds.sentence());
        assertTrue(odds.sentence().contains("its true positive rate is undefined for 'X' (no cases with a favourable"
                + " true outcome in the group)"), odds.sentence());
        // 1600/2000 vs 2000/4000 with n in the thousands: the interval lies wholly above the allowed 0.10
        assertEquals(Finding.Level.FAIL, odds.level(), odds.sentence());
        assertTrue(odds.interval().lower() > 0.1 && odds.interval().upper() >= 0.3, odds.interval().toString());

        // Fairlearn parity: TPR difference 0 (X skipped as NaN), FPR difference 0.8 - 0.5
        assertEquals(0.3, Disparity.EQUALIZED_ODDS_DIFFERENCE.of(c, List.of("gender"), AuditSettings.withDefaults())
                .orElseThrow().value(), 1e-12);
        assertTrue(all.stream().anyMatch(f -> f.level() == Finding.Level.FAIL), all.toString());
    }

    @Test
    void fairX3_groupWithoutUnfavourableOutcomes_getsJudgedTprGapWithFprNamedUndefined() {
        AuditCounts c = counts(true);
        List<Finding> all = findings(c);
        everyGroupHasEveryCheck(all);

        Finding opp = ofX(all, "equal_opportunity_difference");
        assertEquals(0.3, opp.value(), 1e-12, opp.sentence());
        assertEquals(Finding.Level.FAIL, opp.level(), opp.sentence());

        Finding odds = ofX(all, "equalized_odds_difference");
        assertEquals(0.3, odds.value(), 1e-12, odds.sentence());
        assertTrue(odds.sentence().contains("the largest gap being in its true positive rate"), odds.sentence());
        assertTrue(odds.sentence().contains("its false positive rate is undefined for 'X' (no cases with an "
                + "unfavourable true outcome in the group)"), odds.sentence());
        assertEquals(Finding.Level.FAIL, odds.level(), odds.sentence());
        assertEquals(0.3, Disparity.EQUALIZED_ODDS_DIFFERENCE.of(c, List.of("gender"), AuditSettings.withDefaults())
                .orElseThrow().value(), 1e-12);
    }

    @Test
    void pairWithNoCommonPart_isUndefinedNamingBothCauses() {
        // only two groups: X has no TPR (fairX2's X) and the other, Y, has no FPR -> nothing to compare
        List<String> g = new ArrayList<>();
        List<Boolean> o = new ArrayList<>();
        boolean[] dec = new boolean[4000];
        for (int k = 0; k < 4000; k++) {
            g.add(k < 2000 ? "X" : "Y");
            o.add(k >= 2000);
            dec[k] = k % 2 == 0;
        }
        AuditCounts c = AuditCounts.of(AuditData.builder().group("gender", g.toArray(new String[0])).decisions(dec)
                .outcomes(o.toArray(new Boolean[0])).build(), 1);
        List<Finding> odds = findings(c).stream().filter(f -> f.check().equals("equalized_odds_difference")).toList();
        assertEquals(1, odds.size(), odds.toString());
        assertEquals(Finding.Level.UNDEFINED, odds.get(0).level());
        String s = odds.get(0).sentence();
        assertTrue(s.contains("has no true positive rate (no cases with a favourable true outcome")
                && s.contains("has no false positive rate (no cases with an unfavourable true outcome"), s);
    }

    /** Issue 13, fourth round, item 6: a misspelled reference level gets "did you mean", naming every nearest. */
    @Test
    void misspelledReference_getsDidYouMean() {
        // the path of the log audit's checks (services, overrides), where a missing reference becomes a finding
        java.util.Map<List<String>, Long> cases = new java.util.LinkedHashMap<>();
        java.util.Map<List<String>, Verdicts.Rate> rates = new java.util.LinkedHashMap<>();
        for (String g : List.of("F", "M")) {
            cases.put(List.of(g), 100L);
            rates.put(List.of(g), new Verdicts.Rate(50, 100));
        }
        Finding f = Verdicts.check("c", "the referral rate", false, List.of("gender"), cases,
                List.of(new Verdicts.Component("referral rate", rates, "none")), List.of("MM"), 0.1, 0.95, 10).get(0);
        assertTrue(f.sentence().contains("it does not occur (did you mean 'M'?)"), f.sentence());
        // "fmale" is one edit from both "female" (insert e) and "male" (delete f): both named, not a guess
        assertEquals(" (did you mean 'female' or 'male'?)", Verdicts.closest(List.of("fmale"),
                List.of(List.of("female"), List.of("male"), List.of("x"))));
        assertEquals("", Verdicts.closest(List.of("unknown"), List.of(List.of("female"), List.of("male"))));
    }
}
