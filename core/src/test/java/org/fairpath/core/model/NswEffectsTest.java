package org.fairpath.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fairpath.core.Fixtures;
import org.fairpath.core.Schema;
import org.fairpath.core.ServiceCatalogue;
import org.fairpath.core.model.EffectEstimates.Estimand;
import org.fairpath.core.model.EstimationSettings.Estimator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Effects on the real NSW data (NSW treated + PSID-1 controls, shared/data/nsw_dw_psid1.csv), outcome "employed in
 * 1978" (re78 > 0). Oracle: the randomised experiment (shared/data/nsw_dw_experimental.csv) gives 75.7% - 64.6% =
 * +11.1 pp for the treated. The data were not used to choose any setting: the defaults are the library's defaults.
 */
final class NswEffectsTest {

    private static final Schema SCHEMA = Fixtures.nswSchema();
    private static final ServiceCatalogue TRAINING = ServiceCatalogue.fromJson("{\"schemaVersion\":1,\"name\":\"nsw\","
            + "\"services\":[{\"id\":\"job_training\",\"labels\":{\"en\":\"NSW supported work\"},"
            + "\"descriptions\":{\"en\":\"Work experience programme\"},\"intensity\":4}]}", SCHEMA);
    private static final double EXPERIMENT = 0.757 - 0.646;
    private static List<TrainingCase> psid;

    @BeforeAll
    static void read() throws IOException {
        psid = new ArrayList<>();
        int i = 0;
        for (Map<String, String> r : Fixtures.readSharedCsv("nsw_dw_psid1.csv")) {
            psid.add(new TrainingCase(Fixtures.nswProfile(SCHEMA, "psid-" + i++, r),
                    r.get("treat").equals("1") ? "job_training" : ServiceCatalogue.BASELINE,
                    Double.parseDouble(r.get("re78")) > 0));
        }
    }

    private static void seeds(TrainingSettings learner, String what, int seedCount, double aipwLimit) {
        double[][] att = new double[Estimator.values().length][seedCount];
        EffectEstimates first = null;
        long start = System.nanoTime();
        for (int seed = 1; seed <= seedCount; seed++) {
            EffectEstimates e = EffectEstimates.estimate(TRAINING, psid, learner,
                    EstimationSettings.withDefaults().withSeed(seed));
            if (first == null) {
                first = e;
                System.out.print(e.describe());
            }
            for (Estimator est : Estimator.values()) {
                att[est.ordinal()][seed - 1] = e.effect("job_training", Estimand.ATT, est).estimate();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Estimator est : Estimator.values()) {
            double[] v = att[est.ordinal()];
            EffectEstimates.Effect f = first.effect("job_training", Estimand.ATT, est);
            System.out.printf(Locale.ROOT, "NSW PSID-1 %s ATT %-7s %+.1f pp (SE %.1f), seeds 1-%d: %+.1f to %+.1f"
                    + " (spread %.2f pp); %.1f s for %d seeds%n", what, est, 100 * f.estimate(),
                    100 * f.standardError(), seedCount, 100 * java.util.Arrays.stream(v).min().orElseThrow(),
                    100 * java.util.Arrays.stream(v).max().orElseThrow(), 100 * EffectEstimates.spread(v), seconds,
                    seedCount);
            assertTrue(EffectEstimates.spread(v) <= (est == Estimator.AIPW ? aipwLimit : 0.01), what + " " + est
                    + " varies by more than allowed over seeds");
        }
        EffectEstimates.Effect aipw = first.effect("job_training", Estimand.ATT, Estimator.AIPW);
        assertTrue(Double.isFinite(aipw.standardError()) && aipw.standardError() > 0);
        // the experiment's +11.1 pp lies inside the AIPW 95% interval
        double[] ci = aipw.interval(0.95);
        assertTrue(ci[0] < EXPERIMENT && EXPERIMENT < ci[1], what + " AIPW 95% interval " + ci[0] + " to " + ci[1]);
        // PSID-1 controls are mostly unlike the NSW treated: the thin overlap must be reported
        assertFalse(first.warnings().isEmpty(), "no overlap warning on PSID-1");
    }

    @Test
    void logistic_everyEstimatorSeedStable_aipwCoversTheExperiment() {
        seeds(TrainingSettings.withDefaults(), "logistic", 10, 0.01);
    }

    /**
     * Boosted trees: 100 cross-fitted XGBoost fits per option and seed take about 50 s per seed on the shared build
     * machine, too slow for the suite's time budget, so this runs only with {@code -Dfairpath.slowTests=true} (all 10
     * seeds). Plug-in and IPW do not depend on the seed; AIPW with trees is NOT stable to 1 point: measured +13.3 to
     * +15.6 over seeds 1-10 (spread 2.28 points), so the limit here is 2.5 points and logistic regression stays the
     * default learner.
     */
    @Test
    void boostedTrees_plugInAndIpwSeedFree_aipwWithin2_5Points() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("fairpath.slowTests"),
                "slow: run with -Dfairpath.slowTests=true");
        seeds(TrainingSettings.withDefaults().withLearner(TrainingSettings.Learner.BOOSTED_TREES), "trees", 10,
                0.025);
    }

    @Test
    void experiment_isElevenPointOnePoints() throws IOException {
        List<Map<String, String>> x = Fixtures.readSharedCsv("nsw_dw_experimental.csv");
        double[] employed = new double[2];
        int[] n = new int[2];
        for (Map<String, String> r : x) {
            int t = Integer.parseInt(r.get("treat"));
            n[t]++;
            employed[t] += Double.parseDouble(r.get("re78")) > 0 ? 1 : 0;
        }
        assertEquals(0.111, employed[1] / n[1] - employed[0] / n[0], 0.001);
    }
}
