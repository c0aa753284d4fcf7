package org.fairpath.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.fairpath.core.FeatureEncoder;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.fairpath.core.synth.SyntheticCase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * The compiled tree blocks against two oracles: each ensemble's own {@link TreeEnsembleScorer} (the reference path,
 * compared bit for bit) and XGBoost's own predictions through Tribuo 4.3.2 (also bit for bit). Rows are real encoded
 * profiles and adversarial rows built from the ensembles' own thresholds: the threshold itself, its float neighbours,
 * doubles that round to it in single precision, NaN and infinities.
 */
final class TreeBlocksTest {

    private static String[] names;
    private static double[][] train;
    private static boolean[] employed;
    private static double[][] real;

    @BeforeAll
    static void data() {
        CaseloadGenerator gen = CaseloadGenerator.create(CaseloadSettings.withDefaults());
        FeatureEncoder enc = FeatureEncoder.of(gen.schema());
        names = enc.featureNames().toArray(new String[0]);
        List<SyntheticCase> cases = gen.generate(5000);
        train = new double[3000][];
        employed = new boolean[3000];
        real = new double[2000][];
        for (int i = 0; i < cases.size(); i++) {
            double[] row = enc.encode(cases.get(i).profile());
            if (i < 3000) {
                train[i] = row;
                employed[i] = cases.get(i).outcome();
            } else {
                real[i - 3000] = row;
            }
        }
    }

    private static TreeEnsembleScorer trained(int rounds, int depth, long seed) {
        Model<Label> m = TribuoBridge.trainBoosted(TribuoBridge.dataset("t", names, train, employed, null), rounds,
                depth, 0.3, seed);
        return (TreeEnsembleScorer) TribuoBridge.compile(m, names);
    }

    /** Rows that sit on, just below, just above the ensemble's thresholds, plus NaN and infinities. */
    private static double[][] adversarial(TreeEnsembleScorer t, int count, long seed) {
        int[] feature = t.feature();
        float[] threshold = t.threshold();
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] rows = new double[count][];
        for (int r = 0; r < count; r++) {
            double[] row = real[rnd.nextInt(real.length)].clone();
            for (int k = 0; k < 6; k++) {
                int n = rnd.nextInt(feature.length);
                if (feature[n] < 0) {
                    continue;
                }
                float th = threshold[n];
                row[feature[n]] = switch (rnd.nextInt(8)) {
                    case 0 -> th;
                    case 1 -> Math.nextDown(th);
                    case 2 -> Math.nextUp(th);
                    case 3 -> th - Math.ulp(th) / 4.0; // a double below th that rounds to th in float
                    case 4 -> th + Math.ulp(th) / 4.0;
                    case 5 -> Double.NaN;
                    case 6 -> rnd.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                    default -> rnd.nextDouble(-10, 100);
                };
            }
            rows[r] = row;
        }
        return rows;
    }

    /** Model {@code m} of option {@code o} through {@link TreeBlocks#probabilities}. */
    private static double probability(TreeBlocks blocks, int o, int m, byte[] bits) {
        double[] out = new double[m + 1];
        blocks.probabilities(o, bits, new int[blocks.exitsLength()], out);
        return out[m];
    }

    private static void assertBitIdentical(TreeEnsembleScorer t, TreeBlocks blocks, int o, int m, double[][] rows) {
        byte[] bits = new byte[blocks.conditionCount()];
        for (int r = 0; r < rows.length; r++) {
            blocks.conditions(rows[r], bits);
            double expected = t.probability(rows[r]);
            double actual = probability(blocks, o, m, bits);
            double[] row = rows[r];
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                    () -> "row " + java.util.Arrays.toString(row) + ": scorer " + expected + ", blocks " + actual);
        }
    }

    @Test
    void probability_everyDepthFrom1To8_bitIdenticalToTheScorer() {
        // depths 1-3 use one block level, 4-6 two, 7-8 three; trees shallower than their model's deepest are padded
        for (int depth = 1; depth <= 8; depth++) {
            TreeEnsembleScorer t = trained(12, depth, depth);
            TreeBlocks blocks = TreeBlocks.of(new Scorer[][] {{t}});
            assertBitIdentical(t, blocks, 0, 0, real);
            assertBitIdentical(t, blocks, 0, 0, adversarial(t, 3000, depth));
        }
    }

    @Test
    void probability_equalsXGBoostsOwnPredictionThroughTribuo_bitForBit() {
        Model<Label> m = TribuoBridge.trainBoosted(TribuoBridge.dataset("t", names, train, employed, null), 50, 6, 0.3,
                7);
        TreeEnsembleScorer t = (TreeEnsembleScorer) TribuoBridge.compile(m, names);
        TreeBlocks blocks = TreeBlocks.of(new Scorer[][] {{t}});
        byte[] bits = new byte[blocks.conditionCount()];
        for (int r = 0; r < 500; r++) {
            blocks.conditions(real[r], bits);
            double xgboost = TribuoBridge.predict(m, names, real[r]);
            assertEquals(Double.doubleToRawLongBits(xgboost), Double.doubleToRawLongBits(probability(blocks, 0, 0, bits)),
                    "row " + r);
        }
    }

    @Test
    void probability_handBuiltTrees_paddingAndNaNDirection() {
        // tree 0 (class 1): x0 < 0.5 ? (x1 < 2 ? 1 : 2) : 3 -- depth 2 beside tree 1's depth 4, so tree 0 is padded
        // tree 1 (class 0): a chain x0 < 1, x0 < 2, x0 < 3, x0 < 4 going "no" each time; leaves 10, 20, 30, 40, 50
        int[] feature = {0, 1, -1, -1, -1, 0, -1, 0, -1, 0, -1, 0, -1, -1};
        float[] threshold = {0.5f, 2f, 0, 0, 0, 1f, 0, 2f, 0, 3f, 0, 4f, 0, 0};
        int[] yes = {1, 2, -1, -1, -1, 6, -1, 8, -1, 10, -1, 12, -1, -1};
        int[] no = {4, 3, -1, -1, -1, 7, -1, 9, -1, 11, -1, 13, -1, -1};
        float[] leaf = {0, 0, 1f, 2f, 3f, 0, 10f, 0, 20f, 0, 30f, 0, 40f, 50f};
        TreeEnsembleScorer t = new TreeEnsembleScorer(2, new int[] {0, 5}, new int[] {1, 0}, feature, threshold, yes,
                no, leaf, new double[14], 0.5f, 1);
        TreeBlocks blocks = TreeBlocks.of(new Scorer[][] {{t}});
        assertEquals(6, blocks.conditionCount()); // (0, 0.5), (1, 2), (0, 1), (0, 2), (0, 3), (0, 4)
        byte[] bits = new byte[blocks.conditionCount()];
        // hand-computed margins: m1 = 0.5 + leaf of tree 0, m0 = 0.5 + leaf of tree 1; p = 1 / (1 + exp(m0 - m1))
        double[][] rows = {{0, 0}, {0, 5}, {0.7, 0}, {3.5, 0}, {9, 0}, {Double.NaN, 0}, {0, Double.NaN}};
        double[][] margins = {{10.5, 1.5}, {10.5, 2.5}, {10.5, 3.5}, {40.5, 3.5}, {50.5, 3.5}, {50.5, 3.5},
                {10.5, 2.5}};
        for (int r = 0; r < rows.length; r++) {
            blocks.conditions(rows[r], bits);
            double p = probability(blocks, 0, 0, bits);
            assertEquals(Double.doubleToRawLongBits(t.probability(rows[r])), Double.doubleToRawLongBits(p));
            double expected = 1 / (1 + Math.exp(margins[r][0] - margins[r][1]));
            assertEquals(expected, p, 1e-6 * Math.max(expected, 1e-30) + 1e-45, "row " + r);
        }
    }

    @Test
    void recommend_treesWithBags_identicalToScoringEachModelByItself() {
        OutcomeModels models = ModelFixtures.trees(); // 30 rounds of depth 4, 4 bags, 7 options + profiling
        Recommender fast = Recommender.of(models);
        Recommender reference = Recommender.unbatched(models);
        List<JobseekerProfile> profiles = ModelFixtures.GENERATOR.stream(12_000).skip(10_000)
                .map(SyntheticCase::profile).toList();
        for (JobseekerProfile p : profiles) {
            assertEquals(reference.recommend(p), fast.recommend(p), p.id());
        }
        TreeBlocks blocks = TreeBlocks.of(models.scorers());
        int rounds = 0;
        for (int o = 0; o < models.scorers().length; o++) {
            assertTrue(blocks.covers(o));
            for (Scorer s : models.scorers()[o]) {
                rounds += ((TreeEnsembleScorer) s).trees() / 2;
            }
        }
        // XGBoost's two trees of a round share their splits (the benchmark's models: 16,799 of 16,800 rounds)
        assertTrue(blocks.pairedWalks() >= 0.99 * rounds, blocks.pairedWalks() + " of " + rounds + " rounds paired");
    }

    @Test
    void of_optionsWithANonTreeModel_areLeftToTheirOwnScorers() {
        TreeEnsembleScorer t = trained(5, 3, 11);
        LinearScorer linear = new LinearScorer(new double[names.length], 0.25);
        assertEquals(null, TreeBlocks.of(new Scorer[][] {{linear}}));
        TreeBlocks mixed = TreeBlocks.of(new Scorer[][] {{linear}, {t, t}, {t, linear}});
        assertTrue(!mixed.covers(0));
        assertTrue(mixed.covers(1));
        assertTrue(!mixed.covers(2)); // one linear bag is enough to leave the whole option out
        assertBitIdentical(t, mixed, 1, 1, real);
    }
}
