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

    /**
     * Estimates with seeds 1..seedCount; every estimator that is reported must vary by at most {@code limit} over the
     * seeds; with {@code aipwWithheld} the AIPW effect on the treated must be withheld (NaN, with its reason) on every
     * seed instead.
     */
    private static void seeds(TrainingSettings learner, String what, int seedCount, double limit,
                              boolean aipwWithheld) {
        double[][] att = new double[Estimator.values().length][seedCount];
        EffectEstimates first = null;
        long start = System.nanoTime();
        int[] repetitions = new int[seedCount];
        for (int seed = 1; seed <= seedCount; seed++) {
            EffectEstimates e = EffectEstimates.estimate(TRAINING, psid, learner,
                    EstimationSettings.withDefaults().withSeed(seed));
            if (first == null) {
                first = e;
                System.out.print(e.describe());
            }
            repetitions[seed - 1] = e.repetitionsUsed();
            EffectEstimates.Effect aipw = e.effect("job_training", Estimand.ATT, Estimator.AIPW);
            System.out.printf(Locale.ROOT, "NSW PSID-1 %s seed %d: AIPW ATT %s, %d repetitions, split error %.2f"
                    + " pp, %.0f s so far%n", what, seed, Double.isNaN(aipw.estimate()) ? aipw.standardErrorNote()
                    : String.format(Locale.ROOT, "%+.2f pp", 100 * aipw.estimate()), e.repetitionsUsed(),
                    100 * e.splitError(), (System.nanoTime() - start) / 1e9);
            assertEquals(aipwWithheld, Double.isNaN(aipw.estimate()), aipw.toString());
            if (aipwWithheld) {
                assertTrue(aipw.standardErrorNote().startsWith("withheld: after "), aipw.standardErrorNote());
                assertTrue(e.warnings().get(0).startsWith("fold splits: "), e.warnings().toString());
            }
            for (Estimator est : Estimator.values()) {
                att[est.ordinal()][seed - 1] = e.effect("job_training", Estimand.ATT, est).estimate();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (Estimator est : Estimator.values()) {
            double[] v = att[est.ordinal()];
            if (est == Estimator.AIPW && aipwWithheld) {
                continue;
            }
            EffectEstimates.Effect f = first.effect("job_training", Estimand.ATT, est);
            System.out.printf(Locale.ROOT, "NSW PSID-1 %s ATT %-7s %+.1f pp (SE %.1f), seeds 1-%d: %+.1f to %+.1f"
                    + " (spread %.2f pp); %.1f s for %d seeds%n", what, est, 100 * f.estimate(),
                    100 * f.standardError(), seedCount, 100 * java.util.Arrays.stream(v).min().orElseThrow(),
                    100 * java.util.Arrays.stream(v).max().orElseThrow(), 100 * EffectEstimates.spread(v), seconds,
                    seedCount);
            assertTrue(EffectEstimates.spread(v) <= limit, what + " " + est + " varies by more than allowed over seeds");
        }
        System.out.println("NSW PSID-1 " + what + " repetitions used per seed: "
                + java.util.Arrays.toString(repetitions));
        if (!aipwWithheld) {
            EffectEstimates.Effect aipw = first.effect("job_training", Estimand.ATT, Estimator.AIPW);
            assertTrue(Double.isFinite(aipw.standardError()) && aipw.standardError() > 0);
            // the experiment's +11.1 pp lies inside the AIPW 95% interval
            double[] ci = aipw.interval(0.95);
            assertTrue(ci[0] < EXPERIMENT && EXPERIMENT < ci[1], what + " AIPW 95% interval " + ci[0] + " to "
                    + ci[1]);
        }
        // PSID-1 controls are mostly unlike the NSW treated: the thin overlap must be reported
        assertFalse(first.warnings().isEmpty(), "no overlap warning on PSID-1");
    }

    @Test
    void logistic_everyEstimatorSeedStable_aipwCoversTheExperiment() {
        seeds(TrainingSettings.withDefaults(), "logistic", 10, 0.01, false);
    }

    /**
     * Boosted trees: with 10 fold splits AIPW moved by 2.28 points over seeds 1-10 (+13.3 to +15.6), and with a median
     * over up to 50 splits still by 1.46 points (+13.5 to +14.9): not within the 1 point. Averaged over the
     * splits instead, a seed needed 140 splits to bring the Monte-Carlo error to 0.2 pp (+14.0 pp, 510 s on the loaded
     * shared machine); the default cap of 50 cannot get there, so the library withholds trees' AIPW estimates here
     * (NaN, with the reason and the splits it would need) rather than report a number another seed moves by more
     * than allowed. Plug-in and IPW do not depend on the seed. Slow (XGBoost fits), so this runs only with
     * {@code -Dfairpath.slowTests=true} ({@code -Dfairpath.nswSeeds=N} for fewer seeds).
     */
    @Test
    void boostedTrees_plugInAndIpwSeedFree_aipwWithheldAsNotSeedStable() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("fairpath.slowTests"),
                "slow: run with -Dfairpath.slowTests=true");
        seeds(TrainingSettings.withDefaults().withLearner(TrainingSettings.Learner.BOOSTED_TREES), "trees",
                Integer.getInteger("fairpath.nswSeeds", 10), 0.01, true);
    }

    /**
     * The split error is the Monte-Carlo standard error of the mean over the splits: with two splits, sd / sqrt(2) =
     * (spread / sqrt(2)) / sqrt(2) = spread / 2 (hand computation), the larger of ATE and ATT. Splits are added only
     * while an estimate above the target is projected to reach it within the cap (R (err / target)^2 splits): with a
     * target of 0 none is, so the estimation stops at the first batch and withholds every AIPW estimate (NaN, with
     * the reason); with a target the projection puts within the cap, splits are added; with a loose target it stops
     * at the first batch and reports.
     */
    @Test
    void splitError_isTheMeansMonteCarloError_andUnstableEstimatesAreWithheld() {
        TrainingSettings logistic = TrainingSettings.withDefaults();
        EstimationSettings two = EstimationSettings.withDefaults().withFolds(2).withRepetitions(2)
                .withMaxRepetitions(2);
        EffectEstimates e = EffectEstimates.estimate(TRAINING, psid, logistic, two);
        assertEquals(2, e.repetitionsUsed());
        double spread = Math.max(e.effect("job_training", Estimand.ATE, Estimator.AIPW).splitSpread(),
                e.effect("job_training", Estimand.ATT, Estimator.AIPW).splitSpread());
        assertTrue(spread > 0);
        assertEquals(spread / 2, e.splitError(), 1e-12);
        assertTrue(e.warnings().stream().noneMatch(w -> w.startsWith("fold splits")) == (e.splitError() <= 0.002));

        List<String> progress = new ArrayList<>();
        EffectEstimates none = EffectEstimates.estimate(TRAINING, psid, logistic, EstimationSettings.withDefaults()
                .withFolds(2).withRepetitions(2).withMaxRepetitions(6).withSplitError(0), progress::add);
        assertEquals(2, none.repetitionsUsed(), "no split count reaches a target of 0: none are spent");
        assertTrue(progress.isEmpty(), progress.toString());
        assertTrue(none.warnings().get(0).startsWith("fold splits: after 2 repetitions"), none.warnings().get(0));
        for (Estimand estimand : Estimand.values()) {
            EffectEstimates.Effect aipw = none.effect("job_training", estimand, Estimator.AIPW);
            assertTrue(Double.isNaN(aipw.estimate()) && Double.isNaN(aipw.standardError()), aipw.toString());
            assertTrue(aipw.standardErrorNote().startsWith("withheld: after 2 fold splits"), aipw.standardErrorNote());
            assertFalse(Double.isNaN(none.effect("job_training", estimand, Estimator.IPW).estimate()));
        }
        assertFalse(none.describe().contains("NaN"), none.describe());

        // a target the projection puts within the cap of 6: 2 (err / target)^2 <= 6
        double reachable = e.splitError() / Math.sqrt(3) * 1.01;
        EffectEstimates more = EffectEstimates.estimate(TRAINING, psid, logistic, EstimationSettings.withDefaults()
                .withFolds(2).withRepetitions(2).withMaxRepetitions(6).withSplitError(reachable));
        assertTrue(more.repetitionsUsed() > 2, "splits added: " + more.repetitionsUsed());
        for (Estimand estimand : Estimand.values()) {
            EffectEstimates.Effect aipw = more.effect("job_training", estimand, Estimator.AIPW);
            assertEquals(more.warnings().stream().anyMatch(w -> w.startsWith("fold splits"))
                    && Double.isNaN(aipw.estimate()), Double.isNaN(aipw.estimate()));
        }

        EffectEstimates loose = EffectEstimates.estimate(TRAINING, psid, logistic, EstimationSettings.withDefaults()
                .withFolds(2).withRepetitions(2).withMaxRepetitions(6).withSplitError(0.4));
        assertEquals(2, loose.repetitionsUsed());
        assertFalse(Double.isNaN(loose.effect("job_training", Estimand.ATT, Estimator.AIPW).estimate()));
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
