package org.fairpath.fairness.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fairpath.fairness.input.AuditColumns;
import org.fairpath.fairness.input.AuditData;
import org.fairpath.fairness.metrics.AuditSettings;
import org.fairpath.fairness.metrics.Comparison;
import org.fairpath.fairness.metrics.MetricFrame;
import org.fairpath.fairness.stats.AuditCounts;
import org.fairpath.fairness.stats.Metric;
import org.fairpath.fairness.stats.Tests;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, third round: Benjamini-Hochberg counted one hypothesis several times (the difference and the ratio of a
 * pair, the max-vs-min pair that is also a pair with the reference group, TPR with FNR, FPR with TNR), which
 * inflated every adjusted p-value. Oracles: a four-value example adjusted by hand, and the definition of the step-up
 * procedure (adjusted p of rank i = min over ranks k >= i of m p(k) / k) applied to the distinct comparisons.
 */
final class DistinctComparisonsTest {

    @Test
    void keyedBenjaminiHochberg_handComputed() {
        // keys a, b, a, c: three comparisons, 0.01 (a), 0.04 (b), 0.03 (c). By hand with m = 3:
        // rank 3: 0.04 * 3/3 = 0.04; rank 2: min(0.04, 0.03 * 3/2 = 0.045) = 0.04; rank 1: min(0.04, 0.01 * 3) = 0.03
        double[] adjusted = Tests.benjaminiHochberg(new double[] {0.01, 0.04, 0.01, 0.03}, List.of("a", "b", "a", "c"));
        assertArrayEquals(new double[] {0.03, 0.04, 0.03, 0.04}, adjusted, 1e-15);
        // counting a twice (m = 4) would give 0.02 for a
        assertArrayEquals(new double[] {0.02, 0.04, 0.02, 0.04},
                Tests.benjaminiHochberg(new double[] {0.01, 0.04, 0.01, 0.03}), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Tests.benjaminiHochberg(new double[] {0.1}, List.of()));
    }

    /** Three groups: R (ref, 400 cases), B and C (200 each); selection and outcomes chosen so every p differs. */
    private static Audit audit() {
        List<String> g = new ArrayList<>();
        List<Boolean> d = new ArrayList<>();
        List<Boolean> o = new ArrayList<>();
        int[][] spec = {{400, 200, 180}, {200, 60, 110}, {200, 150, 90}}; // cases, selected, favourable outcomes
        String[] names = {"R", "B", "C"};
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < spec[k][0]; i++) {
                g.add(names[k]);
                d.add(i < spec[k][1]);
                o.add((i * 7 + k) % spec[k][0] < spec[k][2]);
            }
        }
        boolean[] dec = new boolean[d.size()];
        Boolean[] out = new Boolean[o.size()];
        for (int i = 0; i < dec.length; i++) {
            dec[i] = d.get(i);
            out[i] = o.get(i);
        }
        AuditData data = AuditData.builder().group("g", g.toArray(new String[0])).decisions(dec).outcomes(out).build();
        return Audit.run(AuditCounts.of(data, 1), AuditSettings.withDefaults(), AuditPolicy.withDefaults());
    }

    /** The step-up procedure from its definition, on distinct p-values. */
    private static double[] stepUp(double[] p) {
        int m = p.length;
        double[] adj = new double[m];
        for (int i = 0; i < m; i++) {
            double best = 1;
            for (int k = 0; k < m; k++) {
                int rankK = 1;
                for (int j = 0; j < m; j++) {
                    if (p[j] < p[k] || p[j] == p[k] && j < k) {
                        rankK++;
                    }
                }
                int rankI = 1;
                for (int j = 0; j < m; j++) {
                    if (p[j] < p[i] || p[j] == p[i] && j < i) {
                        rankI++;
                    }
                }
                if (rankK >= rankI) {
                    best = Math.min(best, p[k] * m / rankK);
                }
            }
            adj[i] = best;
        }
        return adj;
    }

    @Test
    void auditWide_eachDistinctHypothesisCountsOnce() {
        Audit a = audit();
        // the distinct hypotheses: 3 pairs x 6 tests (selection, TPR=FNR, FPR=TNR, PPV, NPV, accuracy), less one:
        // for accuracy the max-vs-min pair is R-B, already a pair with the reference R, so accuracy has 2
        Map<List<Object>, Double> distinct = new LinkedHashMap<>();
        int shown = 0;
        for (MetricFrame f : a.frames()) {
            Metric family = f.metric() == Metric.FNR ? Metric.TPR : f.metric() == Metric.TNR ? Metric.FPR : f.metric();
            for (Comparison c : f.comparisons()) {
                shown++;
                distinct.putIfAbsent(List.of(family, new HashSet<>(List.of(c.group(), c.against()))), c.pValue());
            }
        }
        assertEquals(17, distinct.size(), distinct.toString());
        assertTrue(shown > 17, "the report shows each hypothesis several times: " + shown);
        double[] raw = distinct.values().stream().mapToDouble(Double::doubleValue).toArray();
        double[] expected = stepUp(raw);
        List<List<Object>> keys = new ArrayList<>(distinct.keySet());
        for (MetricFrame f : a.frames()) {
            Metric family = f.metric() == Metric.FNR ? Metric.TPR : f.metric() == Metric.TNR ? Metric.FPR : f.metric();
            for (Comparison c : f.comparisons()) {
                int k = keys.indexOf(List.of(family, new HashSet<>(List.of(c.group(), c.against()))));
                assertEquals(expected[k], c.adjustedP(), 1e-12, f.metric() + " " + c);
            }
        }
    }

    @Test
    void frameOnItsOwn_countsEachPairOnce() {
        Audit a = audit();
        // accuracy: the max-vs-min pair R-B is also a pair with the reference, so R-B is shown four times (difference
        // and ratio, twice) and R-C twice. (When every pair is shown equally often, counting each twice happens to
        // give the same adjusted values; unequal multiplicity is what changed the answer.)
        MetricFrame f = MetricFrame.of(a.counts(), Metric.ACCURACY, List.of("g"), AuditSettings.withDefaults());
        Map<Set<List<String>>, Double> pairs = new LinkedHashMap<>();
        for (Comparison c : f.comparisons()) {
            pairs.putIfAbsent(new HashSet<>(List.of(c.group(), c.against())), c.pValue());
        }
        assertEquals(2, pairs.size(), pairs.toString());
        assertEquals(6, f.comparisons().size());
        double[] expected = stepUp(pairs.values().stream().mapToDouble(Double::doubleValue).toArray());
        List<Set<List<String>>> keys = new ArrayList<>(pairs.keySet());
        for (Comparison c : f.comparisons()) {
            assertEquals(expected[keys.indexOf(new HashSet<>(List.of(c.group(), c.against())))], c.adjustedP(), 1e-12);
        }
    }

    @Test
    void decisionColumnThatIsAlsoProtected_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AuditColumns.of(List.of("sex", "referred"), "referred", Set.of("yes")));
        assertTrue(e.getMessage().contains("'referred' is both the decision column and a protected column"),
                e.getMessage());
        AuditColumns ok = AuditColumns.of(List.of("sex"), "referred", Set.of("yes"));
        assertThrows(IllegalArgumentException.class, () -> ok.withOutcome("sex", Set.of("1"), Set.of()));
        assertThrows(IllegalArgumentException.class, () -> ok.withScore("sex"));
        assertThrows(IllegalArgumentException.class, () -> ok.withOutcome("referred", Set.of("1"), Set.of()));
    }
}
