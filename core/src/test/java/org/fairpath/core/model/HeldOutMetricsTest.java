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

    @Test
    void of_handComputed() {
        // positives 0.8, 0.4; negatives 0.2, 0.6: 3 of 4 pairs ordered, AUC 0.75; Brier (.04+.04+.36+.36)/4 = 0.2
        HeldOutMetrics m = HeldOutMetrics.of("x", "all", new double[] {0.2, 0.8, 0.6, 0.4},
                new boolean[] {false, true, false, true}, 1.6448536269514722);
        assertEquals(0.75, m.auc(), 1e-15);
        assertEquals(0.2, m.brier(), 1e-15);
        assertEquals(0.5, m.meanPredicted(), 1e-15);
        assertEquals(0.5, m.observedRate(), 1e-15);
        assertTrue(m.aucLower() < 0.75 && m.aucUpper() > 0.75);
        HeldOutMetrics one = HeldOutMetrics.of("x", "g", new double[] {0.3, 0.4}, new boolean[] {true, true}, 1.64);
        assertTrue(Double.isNaN(one.auc()) && one.aucNote().contains("one outcome"));
        HeldOutMetrics none = HeldOutMetrics.of("x", "g", new double[0], new boolean[0], 1.64);
        assertEquals(0, none.cases());
        assertTrue(Double.isNaN(none.brier()));
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
        for (String o : ModelFixtures.logistic().options()) {
            HeldOutMetrics all = s.heldOut(o, "all").orElseThrow();
            int cases = 0;
            double brierSum = 0;
            for (String level : List.of("female", "male", "diverse", "missing")) {
                HeldOutMetrics g = s.heldOut(o, "gender=" + level).orElseThrow();
                cases += g.cases();
                brierSum += g.cases() == 0 ? 0 : g.brier() * g.cases();
            }
            assertEquals(all.cases(), cases, o);
            // the Brier score is a mean: the groups' case-weighted means give the overall one
            assertEquals(all.brier(), brierSum / cases, 1e-12, o);
        }
    }
}
