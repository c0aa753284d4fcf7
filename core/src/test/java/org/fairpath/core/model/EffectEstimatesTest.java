package org.fairpath.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.fairpath.core.ServiceCatalogue;
import org.fairpath.core.model.EffectEstimates.Estimand;
import org.fairpath.core.model.EstimationSettings.Estimator;
import org.fairpath.core.synth.CaseloadGenerator;
import org.fairpath.core.synth.CaseloadSettings;
import org.fairpath.core.synth.SyntheticCase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Effects and policy values against synthetic ground truth. Oracle: the generator's true potential-outcome
 * probabilities (the true ATE of a service is the mean over the cases of its true uplift; the true value of a policy
 * is the mean true probability of the option it picks).
 */
final class EffectEstimatesTest {

    private static final CaseloadGenerator GEN = CaseloadGenerator.create(CaseloadSettings.withDefaults().withSeed(3));
    private static final int N = 8000;
    private static List<SyntheticCase> cases;
    private static EffectEstimates estimates;

    @BeforeAll
    static void estimate() {
        cases = GEN.stream(N).toList();
        List<TrainingCase> training = cases.stream().map(ModelFixtures::toTraining).toList();
        estimates = EffectEstimates.estimate(GEN.catalogue(), training, TrainingSettings.withDefaults(),
                EstimationSettings.withDefaults().withFolds(5).withRepetitions(3));
    }

    /**
     * ATT: the services have eligibility rules, so some people can never receive a service (propensity 0) and the
     * average effect over everyone is not identified for them; the effect on those who received it is.
     */
    @Test
    void aipwAtt_coversTheTrueEffectOnTheTreated_forEveryService() {
        StringBuilder report = new StringBuilder();
        int covered = 0;
        int ateCovered = 0;
        List<String> services = GEN.catalogue().ids();
        for (String s : services) {
            int arm = GEN.arm(s);
            double att = cases.stream().filter(c -> c.assignedArm() == arm).mapToDouble(c -> c.trueUplift(arm))
                    .average().orElseThrow();
            double ate = cases.stream().filter(c -> c.eligible(arm) || c.assignedArm() == arm)
                    .mapToDouble(c -> c.trueUplift(arm)).average().orElseThrow();
            EffectEstimates.Effect e = estimates.effect(s, Estimand.ATT, Estimator.AIPW);
            report.append(String.format(Locale.ROOT, "%s: true ATT %+.2f pp, AIPW %+.2f pp (SE %.2f), IPW %+.2f,"
                            + " plug-in %+.2f; true ATE (eligible) %+.2f, AIPW ATE %+.2f (SE %.2f)%n", s, 100 * att,
                    100 * e.estimate(), 100 * e.standardError(),
                    100 * estimates.effect(s, Estimand.ATT, Estimator.IPW).estimate(),
                    100 * estimates.effect(s, Estimand.ATT, Estimator.PLUG_IN).estimate(), 100 * ate,
                    100 * estimates.effect(s, Estimand.ATE, Estimator.AIPW).estimate(),
                    100 * estimates.effect(s, Estimand.ATE, Estimator.AIPW).standardError()));
            double[] ci = e.interval(0.95);
            covered += ci[0] <= att && att <= ci[1] ? 1 : 0;
            double[] ateCi = estimates.effect(s, Estimand.ATE, Estimator.AIPW).interval(0.95);
            ateCovered += ateCi[0] <= ate && ate <= ateCi[1] ? 1 : 0;
        }
        System.out.print(report);
        System.out.print(estimates.describe());
        assertTrue(covered >= services.size() - 1, "95% intervals covered " + covered + " of " + services.size()
                + "\n" + report);
        assertTrue(ateCovered >= services.size() - 1, "95% ATE intervals (eligible people) covered " + ateCovered
                + " of " + services.size() + "\n" + report);
    }

    /**
     * Boosted trees as nuisance models: the fold split is the only randomness (XGBoost without subsampling, one
     * thread), so the same seed gives the same estimates to the bit and another seed other ones; the cross-fitted
     * predictions come from XGBoost's own batch prediction, which must equal the compiled scorer (itself checked
     * against Tribuo's predict in {@code CompiledScorerTest}) and Tribuo's one-row predict exactly.
     */
    @Test
    void boostedTrees_theSeedIsTheOnlyRandomness_andBatchPredictionsEqualTheCompiledScorer() {
        List<TrainingCase> small = cases.subList(0, 3000).stream().map(ModelFixtures::toTraining).toList();
        TrainingSettings trees = TrainingSettings.withDefaults().withLearner(TrainingSettings.Learner.BOOSTED_TREES)
                .withTrees(15, 3, 0.3);
        EstimationSettings two = EstimationSettings.withDefaults().withFolds(3).withRepetitions(2)
                .withMaxRepetitions(2).withSplitError(0.4); // reported whatever the split error
        EffectEstimates a = EffectEstimates.estimate(GEN.catalogue(), small, trees, two);
        EffectEstimates b = EffectEstimates.estimate(GEN.catalogue(), small, trees, two);
        EffectEstimates c = EffectEstimates.estimate(GEN.catalogue(), small, trees, two.withSeed(43));
        int differ = 0;
        for (int i = 0; i < a.effects().size(); i++) {
            assertEquals(a.effects().get(i), b.effects().get(i));
            assertFalse(Double.isNaN(a.effects().get(i).estimate()));
            differ += a.effects().get(i).estimate() != c.effects().get(i).estimate() ? 1 : 0;
        }
        assertTrue(differ > 0, "another seed, another fold split");

        org.fairpath.core.FeatureEncoder enc = org.fairpath.core.FeatureEncoder.of(GEN.catalogue().schema());
        String[] names = enc.featureNames().toArray(new String[0]);
        double[][] x = small.stream().map(t -> enc.encode(t.profile())).toArray(double[][]::new);
        boolean[] y = new boolean[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = small.get(i).employed();
        }
        org.tribuo.Model<org.tribuo.classification.Label> m = TribuoBridge.trainBoosted(
                TribuoBridge.dataset("batch", names, x, y, null), 15, 3, 0.3, 1);
        double[] batch = TribuoBridge.predictAll(m, names, x);
        Scorer compiled = TribuoBridge.compile(m, names);
        for (int i = 0; i < x.length; i++) {
            assertEquals(compiled.probability(x[i]), batch[i], 0.0, "row " + i);
            assertEquals(TribuoBridge.predict(m, names, x[i]), batch[i], 0.0, "row " + i);
        }
    }

    @Test
    void policyValue_ofNoProgrammeForEveryone_coversTheTruth() {
        List<String> none = Collections.nCopies(N, ServiceCatalogue.BASELINE);
        EffectEstimates.PolicyValue v = estimates.policyValue(none);
        double truth = cases.stream().mapToDouble(c -> c.trueProbability(0)).average().orElseThrow();
        assertTrue(Math.abs(v.value() - truth) < 3 * v.standardError(), v + " vs " + truth);
        List<String> historical = new ArrayList<>();
        cases.forEach(c -> historical.add(c.assignedService()));
        EffectEstimates.PolicyValue h = estimates.policyValue(historical);
        double hTruth = cases.stream().mapToDouble(c -> c.trueProbability(c.assignedArm())).average().orElseThrow();
        assertTrue(Math.abs(h.value() - hTruth) < 3 * h.standardError(), h + " vs " + hTruth);
        assertThrows(IllegalArgumentException.class, () -> estimates.policyValue(List.of("no_programme")));
    }

    @Test
    void ipwAndPlugIn_doNotDependOnTheSeed_aipwBarely() {
        List<TrainingCase> small = cases.subList(0, 3000).stream().map(ModelFixtures::toTraining).toList();
        // 3 splits only, reported whatever their split error (a loose target): this is a small, fast run
        EstimationSettings s = EstimationSettings.withDefaults().withFolds(5).withRepetitions(3).withMaxRepetitions(3)
                .withSplitError(0.4);
        EffectEstimates a = EffectEstimates.estimate(GEN.catalogue(), small, TrainingSettings.withDefaults(), s);
        EffectEstimates b = EffectEstimates.estimate(GEN.catalogue(), small, TrainingSettings.withDefaults(),
                s.withSeed(99));
        for (EffectEstimates.Effect e : a.effects()) {
            double other = b.effect(e.service(), e.estimand(), e.estimator()).estimate();
            if (e.estimator() == Estimator.AIPW) {
                // 3 splits only (this is a small, fast run): the seed's share stays well below the standard error
                assertEquals(e.estimate(), other, 0.5 * e.standardError(), e.toString());
            } else {
                assertEquals(e.estimate(), other, 0.0, e.toString());
            }
        }
    }
}
