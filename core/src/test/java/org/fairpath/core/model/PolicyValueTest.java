package org.fairpath.core.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.fairpath.core.synth.SyntheticCase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Quality against ground truth: the policy value (mean true employment probability) of giving each held-out
 * jobseeker the top suggestion (or no programme when no uplift is positive), against the historical assignment,
 * random assignment among eligible options, and the oracle. Oracle: the generator's true probabilities.
 */
final class PolicyValueTest {

    private static final int TRAIN = 20_000;
    private static final int TEST = 20_000;
    private static final CaseloadGenerator GEN = CaseloadGenerator.create(CaseloadSettings.withDefaults().withSeed(11));
    private static List<TrainingCase> training;
    private static List<SyntheticCase> heldOut;

    @BeforeAll
    static void data() {
        training = ModelFixtures.cases(GEN, 0, TRAIN);
        heldOut = GEN.stream(TRAIN + TEST).skip(TRAIN).toList();
    }

    /** {recommender, historical, random, oracle} policy values on the held-out cases. */
    static double[] values(OutcomeModels m) {
        Recommender r = Recommender.of(m);
        double rec = 0;
        double hist = 0;
        double random = 0;
        double oracle = 0;
        for (SyntheticCase c : heldOut) {
            Recommendation rc = r.recommend(c.profile());
            int chosen = 0;
            if (!rc.suggestions().isEmpty() && rc.suggestions().get(0).uplift() > 0) {
                chosen = GEN.arm(rc.suggestions().get(0).serviceId());
            }
            rec += c.trueProbability(chosen);
            hist += c.trueProbability(c.assignedArm());
            double sum = 0;
            double best = 0;
            int eligible = 0;
            for (int a = 0; a < c.armCount(); a++) {
                if (c.eligible(a)) {
                    eligible++;
                    sum += c.trueProbability(a);
                    best = Math.max(best, c.trueProbability(a));
                }
            }
            random += sum / eligible;
            oracle += best;
        }
        int n = heldOut.size();
        return new double[] {rec / n, hist / n, random / n, oracle / n};
    }

    private static double[] report(String what, TrainingSettings s) {
        double[] v = values(OutcomeModels.train(GEN.catalogue(), training, s));
        System.out.printf(Locale.ROOT, "policy value %-34s recommender %.4f  historical %.4f  random %.4f  oracle %.4f"
                + "  (gap closed %.0f%%)%n", what, v[0], v[1], v[2], v[3], 100 * (v[0] - v[1]) / (v[3] - v[1]));
        return v;
    }

    @Test
    void logisticRecommender_beatsHistoricalAndRandomClearly() {
        TrainingSettings s = TrainingSettings.withDefaults().withBags(0);
        double[] plain = report("logistic, no IPW", s);
        double[] ipw = report("logistic, IPW", s.withInversePropensity(true));
        for (double[] v : List.of(plain, ipw)) {
            assertTrue(v[0] > v[1] + 0.02, "recommender " + v[0] + " vs historical " + v[1]);
            assertTrue(v[0] > v[2] + 0.02, "recommender " + v[0] + " vs random " + v[2]);
            assertTrue(v[0] <= v[3] + 1e-12, "nothing beats the oracle");
        }
    }

    @Test
    void boostedTreesRecommender_beatsHistoricalAndRandomClearly() {
        TrainingSettings s = TrainingSettings.withDefaults().withBags(0)
                .withLearner(TrainingSettings.Learner.BOOSTED_TREES).withTrees(100, 3, 0.1);
        double[] plain = report("boosted trees, no IPW", s);
        double[] ipw = report("boosted trees, IPW", s.withInversePropensity(true));
        for (double[] v : List.of(plain, ipw)) {
            assertTrue(v[0] > v[1] + 0.02, "recommender " + v[0] + " vs historical " + v[1]);
            assertTrue(v[0] > v[2] + 0.02, "recommender " + v[0] + " vs random " + v[2]);
        }
    }
}
