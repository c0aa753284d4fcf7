package org.fairpath.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fairpath.core.synth.SyntheticCase;
import org.junit.jupiter.api.Test;

/**
 * Held-out (out-of-bag) metrics. Oracles: a hand-computed four-case example; the same model's AUC and Brier on 5,000
 * fresh synthetic cases it never saw; group metrics recomputed on the masked subgroup.
 */
final class HeldOutMetricsTest {

    /** {@code times} copies of each of {@code p} / {@code y}. */
    private static HeldOutMetrics repeated(double[] p, boolean[] y, int times, double z) {
        double[] pp = new double[p.length * times];
        boolean[] yy = new boolean[p.length * times];
        for (int i = 0; i < pp.length; i++) {
            pp[i] = p[i % p.length];
            yy[i] = y[i % p.length];
        }
        return HeldOutMetrics.of("x", "all", pp, yy, z);
    }

    @Test
    void of_handComputed() {
        // ten copies of: positives 0.8, 0.4; negatives 0.2, 0.6: 3 of 4 pairs ordered, AUC 0.75; Brier
        // (.04+.04+.36+.36)/4 = 0.2
        double z = 1.6448536269514722;
        HeldOutMetrics m = repeated(new double[] {0.2, 0.8, 0.6, 0.4}, new boolean[] {false, true, false, true}, 10,
                z);
        assertEquals(40, m.cases());
        assertEquals(0.75, m.auc(), 1e-15);
        assertEquals(0.2, m.brier(), 1e-15);
        assertEquals(0.5, m.meanPredicted(), 1e-15);
        assertEquals(0.5, m.observedRate(), 1e-15);
        assertTrue(m.aucLower() < 0.75 && m.aucUpper() > 0.75);
        // the AUC bounds solve |0.75 - t| = z se(t) (Hanley-McNeil at t, recomputed here by hand)
        for (double t : new double[] {m.aucLower(), m.aucUpper()}) {
            double q1 = t / (2 - t);
            double q2 = 2 * t * t / (1 + t);
            double se = Math.sqrt((t * (1 - t) + 19 * (q1 - t * t) + 19 * (q2 - t * t)) / 400);
            assertEquals(Math.abs(0.75 - t), z * se, 1e-9);
        }
        // calibration: Wilson for 20 of 40 at z (centre 0.5, half z/(40+z^2) sqrt(10 + z^2/4)) minus 0.5
        double half = z / (40 + z * z) * Math.sqrt(10 + z * z / 4);
        assertEquals(-half, m.calibrationLower(), 1e-12);
        assertEquals(half, m.calibrationUpper(), 1e-12);
        HeldOutMetrics one = HeldOutMetrics.of("x", "g", new double[] {0.3, 0.4, 0.3, 0.4, 0.3, 0.4, 0.3, 0.4, 0.3,
            0.4}, new boolean[] {true, true, true, true, true, true, true, true, true, true}, 1.64);
        assertTrue(Double.isNaN(one.auc()) && one.aucNote().contains("one outcome"), one.aucNote());
        HeldOutMetrics none = HeldOutMetrics.of("x", "g", new double[0], new boolean[0], 1.64);
        assertEquals(0, none.cases());
        assertTrue(Double.isNaN(none.brier()));
    }

    @Test
    void tinyOrDegenerateGroups_getNoFalseCertainty() {
        double z = 1.6448536269514722;
        // 1 case (the tester's "+12.3 pp (NaN to NaN)"): the count, no figure, the reason
        HeldOutMetrics single = HeldOutMetrics.of("x", "g", new double[] {0.877}, new boolean[] {true}, z);
        assertEquals(1, single.cases());
        for (double v : new double[] {single.auc(), single.brier(), single.brierLower(), single.observedRate(),
            single.meanPredicted(), single.calibrationLower(), single.calibrationUpper()}) {
            assertTrue(Double.isNaN(v), single.toString());
        }
        assertTrue(single.aucNote().contains("fewer than 10 held-out cases"), single.aucNote());
        // 12 cases, 2 negatives perfectly separated (the tester's AUC 1.000 (1.000 to 1.000)): no AUC, say which
        double[] p = new double[12];
        boolean[] y = new boolean[12];
        for (int i = 0; i < 12; i++) {
            p[i] = i < 2 ? 0.1 : 0.9;
            y[i] = i >= 2;
        }
        HeldOutMetrics few = HeldOutMetrics.of("x", "g", p, y, z);
        assertTrue(Double.isNaN(few.auc()) && few.aucNote().contains("positive (10) or negative (2)"),
                few.aucNote());
        // perfect separation with enough of each: AUC 1, but a lower bound below 1, never a zero-width interval
        HeldOutMetrics perfect = repeated(new double[] {0.1, 0.9}, new boolean[] {false, true}, 10, z);
        assertEquals(1.0, perfect.auc(), 0);
        assertEquals(1.0, perfect.aucUpper(), 0);
        assertTrue(perfect.aucLower() < 0.97, "lower " + perfect.aucLower());
        // every prediction right on (p = y): Brier 0, yet the interval has width; observed rate 1 of 1 per class
        HeldOutMetrics exact = repeated(new double[] {0, 1}, new boolean[] {false, true}, 10, z);
        assertEquals(0, exact.brier(), 0);
        assertEquals(0, exact.brierLower(), 0);
        assertTrue(exact.brierUpper() > 0.05, "upper " + exact.brierUpper());
        // all 12 employed, predicted 0.9: Wilson of 12/12 (upper 1, lower 12/(12+z^2)) minus 0.9 holds 0 for
        // calibration-in-the-large - the normal approximation's interval was zero-width at +10 pp
        double[] q = new double[12];
        boolean[] all = new boolean[12];
        java.util.Arrays.fill(q, 0.9);
        java.util.Arrays.fill(all, true);
        HeldOutMetrics sure = HeldOutMetrics.of("x", "g", q, all, z);
        assertEquals(12 / (12 + z * z) - 0.9, sure.calibrationLower(), 1e-12);
        assertEquals(0.1, sure.calibrationUpper(), 1e-12);
        assertTrue(sure.calibrationLower() < 0 && sure.calibrationUpper() > 0);
    }

    @Test
    void outOfBag_agreesWithFreshCases_whileInSampleIsOptimistic() {
        OutcomeModels m = ModelFixtures.trees();
        List<SyntheticCase> fresh = ModelFixtures.GENERATOR.stream(25_000).skip(20_000).toList();
        StringBuilder report = new StringBuilder();
        for (String o : m.options()) {
            List<double[]> scored = new ArrayList<>();
            double brier = 0;
            int n = 0;
            for (SyntheticCase c : fresh) {
                if (c.assignedService().equals(o)) {
                    double p = m.scorer(o).probability(m.encoder().encode(c.profile()));
                    scored.add(new double[] {p, c.outcome() ? 1 : 0});
                    brier += (p - (c.outcome() ? 1 : 0)) * (p - (c.outcome() ? 1 : 0));
                    n++;
                }
            }
            double freshAuc = TrainingSummary.auc(scored);
            HeldOutMetrics h = m.summary().heldOut(o, "all").orElseThrow();
            double inSample = m.summary().auc().get(o);
            report.append(String.format(Locale.ROOT, "%s: in-sample AUC %.3f, out-of-bag %.3f (%.3f-%.3f), fresh"
                    + " %.3f; Brier out-of-bag %.4f, fresh %.4f%n", o, inSample, h.auc(), h.aucLower(), h.aucUpper(),
                    freshAuc, h.brier(), brier / n));
            // out-of-bag is never optimistic beyond sampling noise; with 4 bags of trees it is somewhat pessimistic
            // (each prediction averages the few bags that left the case out, trained on ~63% distinct cases)
            assertTrue(h.auc() <= freshAuc + 0.03 && h.auc() >= freshAuc - 0.06, report.toString());
            assertEquals(brier / n, h.brier(), 0.02, report.toString());
            assertTrue(inSample > h.auc(), "in-sample should be optimistic\n" + report);
        }
        System.out.print(report);
    }

    @Test
    void groups_partitionTheOverallCases() {
        TrainingSummary s = ModelFixtures.logistic().summary();
        int partitioned = 0;
        for (String o : ModelFixtures.logistic().options()) {
            HeldOutMetrics all = s.heldOut(o, "all").orElseThrow();
            int cases = 0;
            double brierSum = 0;
            boolean small = false;
            for (String level : List.of("female", "male", "diverse", "missing")) {
                HeldOutMetrics g = s.heldOut(o, "gender=" + level).orElseThrow();
                cases += g.cases();
                if (g.cases() > 0 && g.cases() < HeldOutMetrics.MIN_CASES) {
                    small = true; // counted, but no figure
                    assertTrue(Double.isNaN(g.brier()) && Double.isNaN(g.calibrationLower()), g.toString());
                }
                brierSum += g.cases() == 0 || small ? 0 : g.brier() * g.cases();
            }
            assertEquals(all.cases(), cases, o);
            if (!small) {
                // the Brier score is a mean: the groups' case-weighted means give the overall one
                assertEquals(all.brier(), brierSum / cases, 1e-12, o);
                partitioned++;
            }
        }
        assertTrue(partitioned > 0, "no option with every group reported");
    }
}
