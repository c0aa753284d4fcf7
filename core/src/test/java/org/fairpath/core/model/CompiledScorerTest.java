package org.fairpath.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fairpath.core.FeatureEncoder;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.fairpath.core.synth.SyntheticCase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/** Oracle: Tribuo 4.3.2's own {@code Model.predict} on the same trained model and the same 10,000 profiles. */
final class CompiledScorerTest {

    private static String[] names;
    private static double[][] train;
    private static boolean[] employed;
    private static double[][] test;

    @BeforeAll
    static void data() {
        CaseloadGenerator gen = CaseloadGenerator.create(CaseloadSettings.withDefaults());
        FeatureEncoder enc = FeatureEncoder.of(gen.schema());
        names = enc.featureNames().toArray(new String[0]);
        List<SyntheticCase> cases = gen.generate(14_000);
        train = new double[4000][];
        employed = new boolean[4000];
        test = new double[10_000][];
        for (int i = 0; i < cases.size(); i++) {
            double[] row = enc.encode(cases.get(i).profile());
            if (i < 4000) {
                train[i] = row;
                employed[i] = cases.get(i).outcome();
            } else {
                test[i - 4000] = row;
            }
        }
    }

    private static double maxDifference(Model<Label> model, Scorer scorer) {
        double max = 0;
        for (double[] row : test) {
            max = Math.max(max, Math.abs(TribuoBridge.predict(model, names, row) - scorer.probability(row)));
        }
        return max;
    }

    @Test
    void linear_compiled_equalsTribuoPredictOn10000Profiles() {
        Model<Label> model = TribuoBridge.trainLogistic(
                TribuoBridge.dataset("test", names, train, employed, null), 1.0, 1);
        Scorer s = TribuoBridge.compile(model, names);
        double diff = maxDifference(model, s);
        assertTrue(diff <= 1e-9, "max |compiled - Tribuo| = " + diff);
        assertEquals("linear", s.kind());
    }

    @Test
    void boostedTrees_compiled_equalsTribuoPredictOn10000Profiles() {
        Model<Label> model = TribuoBridge.trainBoosted(
                TribuoBridge.dataset("test", names, train, employed, null), 50, 6, 0.3, 1);
        Scorer s = TribuoBridge.compile(model, names);
        double diff = maxDifference(model, s);
        assertTrue(diff <= 1e-9, "max |compiled - Tribuo| = " + diff);
        assertEquals(100, ((TreeEnsembleScorer) s).trees());
    }
}
