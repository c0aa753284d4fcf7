package org.fairpath.fairness.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.metrics.Disparity;
import org.fairpath.fairness.stats.AuditCounts;
import org.junit.jupiter.api.Test;

/**
 * Fresh-eyes test of issue 13, case 1 (t7.csv, t8.csv): the equalized-odds finding judges the component that
 * defines the metric. Oracle: Fairlearn's definition, equalized_odds_difference = max(TPR difference, FPR
 * difference), computed by hand from the counts below; the {@link Disparity} API must agree.
 */
final class EqualizedOddsFindingTest {

    /** Rows of group {@code label}: counts of (decision yes, outcome 1), (no, 1), (yes, 0), (no, 0). */
    private static void add(List<String> g, List<Boolean> d, List<Boolean> o, String label, int yes1, int no1,
                            int yes0, int no0) {
        int[] n = {yes1, no1, yes0, no0};
        for (int cell = 0; cell < 4; cell++) {
            for (int k = 0; k < n[cell]; k++) {
                g.add(label);
                d.add(cell == 0 || cell == 2);
                o.add(cell < 2);
            }
        }
    }

    private static AuditCounts counts(int[] a, int[] b) {
        List<String> g = new ArrayList<>();
        List<Boolean> d = new ArrayList<>();
        List<Boolean> o = new ArrayList<>();
        add(g, d, o, "a", a[0], a[1], a[2], a[3]);
        add(g, d, o, "b", b[0], b[1], b[2], b[3]);
        boolean[] dec = new boolean[d.size()];
        for (int i = 0; i < dec.length; i++) {
            dec[i] = d.get(i);
        }
        AuditData data = AuditData.builder().group("g", g.toArray(new String[0])).decisions(dec)
                .outcomes(o.toArray(new Boolean[0])).build();
        return AuditCounts.of(data, 1);
    }

    private static Finding odds(AuditCounts counts) {
        List<Finding> f = Audit.run(counts, AuditSettings.withDefaults(), AuditPolicy.withDefaults()).findings()
                .stream().filter(x -> x.check().equals("equalized_odds_difference")).toList();
        assertEquals(1, f.size(), f.toString());
        return f.get(0);
    }

    @Test
    void t8_fprGapIsLarger_findingReportsFprGapNotTprGap() {
        // a: TPR 250/500 = 0.5, FPR 2/10 = 0.2; b: TPR 400/500 = 0.8, FPR 7/10 = 0.7 -> gaps 0.3 and 0.5; max 0.5
        AuditCounts c = counts(new int[] {250, 250, 2, 8}, new int[] {400, 100, 7, 3});
        Finding f = odds(c);
        assertEquals(0.5, f.value(), 1e-12, f.sentence());
        assertEquals(0.5, Disparity.EQUALIZED_ODDS_DIFFERENCE.of(c, List.of("g"), AuditSettings.withDefaults())
                .orElseThrow().value(), 1e-12);
        assertTrue(f.sentence().contains("is 0.500, the largest gap being in its false positive rate"), f.sentence());
        assertTrue(f.interval().lower() <= 0.5 && 0.5 <= f.interval().upper(), f.interval().toString());
        // the TPR gap alone is wholly beyond 0.10, so max(TPR gap, FPR gap) is too: FAIL, and the printed interval
        // (for the maximum) must show it
        assertTrue(f.interval().lower() > 0.10, f.sentence());
        assertEquals(Finding.Level.FAIL, f.level(), f.sentence());
    }

    @Test
    void t7_verdictAgreesWithThePrintedInterval() {
        // a: TPR 180/225 = 0.8, FPR 4000/20000 = 0.2; b: TPR 191/225, FPR 5200/20000 = 0.26 -> gaps 0.0489, 0.06
        AuditCounts c = counts(new int[] {180, 45, 4000, 16000}, new int[] {191, 34, 5200, 14800});
        Finding f = odds(c);
        assertEquals(0.06, f.value(), 1e-12, f.sentence());
        assertTrue(f.sentence().contains("false positive rate"), f.sentence());
        // the small TPR groups leave a TPR gap above 0.10 possible, so the maximum may exceed 0.10: WARN, and the
        // printed interval reaches across 0.10 (before the fix it printed 0.051 to 0.069 with "reaches across")
        assertTrue(f.interval().lower() < 0.10 && f.interval().upper() > 0.10, f.sentence());
        assertEquals(Finding.Level.WARN, f.level(), f.sentence());
    }

    /**
     * Fresh-eyes case 8: 'a' 0 of 100 against the reference 'b' (the largest) 0 of 200, beside 'c' 50 of 100; the
     * ratio 0/0 is undefined, not "infinity".
     */
    @Test
    void zeroOverZeroRatio_isUndefined_notInfinity() {
        Map<List<String>, Verdicts.Rate> rates = new LinkedHashMap<>();
        rates.put(List.of("a"), new Verdicts.Rate(0, 100));
        rates.put(List.of("b"), new Verdicts.Rate(0, 200));
        rates.put(List.of("c"), new Verdicts.Rate(50, 100));
        Map<List<String>, Long> cases = new LinkedHashMap<>();
        cases.put(List.of("a"), 100L);
        cases.put(List.of("b"), 200L);
        cases.put(List.of("c"), 100L);
        Finding f = Verdicts.check("demographic_parity_ratio", "the selection-rate ratio", true, List.of("g"), cases,
                List.of(new Verdicts.Component("selection rate", rates, "nobody selected")), List.of(), 0.8, 0.95,
                10).stream().filter(x -> x.group().equals(List.of("a"))).findFirst().orElseThrow();
        assertEquals(List.of("b"), f.against());
        assertEquals(Finding.Level.UNDEFINED, f.level(), f.sentence());
        assertTrue(Double.isNaN(f.value()), f.sentence());
        assertTrue(f.sentence().contains("0/0 has no value") && !f.sentence().contains("infinity"), f.sentence());
    }

    @Test
    void verdict_alwaysMatchesTheIntervalItPrints() {
        int[][][] cases = {
            {{250, 250, 2, 8}, {400, 100, 7, 3}},
            {{180, 45, 4000, 16000}, {191, 34, 5200, 14800}},
            {{5000, 5000, 1000, 9000}, {5100, 4900, 1050, 8950}},
            {{10, 0, 0, 10}, {0, 10, 10, 0}},
        };
        for (int[][] k : cases) {
            Finding f = odds(counts(k[0], k[1]));
            Finding.Level expected = f.interval().lower() > f.threshold() ? Finding.Level.FAIL
                    : f.interval().upper() <= f.threshold() ? Finding.Level.PASS : Finding.Level.WARN;
            assertEquals(expected, f.level(), f.sentence());
        }
    }
}
