package org.fairpath.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fairpath.core.FeatureEncoder;
import org.fairpath.core.Fixtures;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Schema;
import org.fairpath.core.ServiceCatalogue;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.TrainingCase;
import org.fairpath.core.model.TrainingSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TreeSHAP on XGBoost ensembles trained on the real NSW data (8 attributes, 10 encoded columns), checked against
 * brute-force Shapley values: every subset of the 10 columns, with the same path-dependent value function (features
 * outside the subset are integrated out along the trees' splits, weighted by cover).
 */
final class TreeShapExplainerTest {

    private static final Schema NSW = Fixtures.nswSchema();
    private static List<JobseekerProfile> profiles;
    private static OutcomeModels models;

    @BeforeAll
    static void train() throws IOException {
        List<TrainingCase> cases = new ArrayList<>();
        profiles = new ArrayList<>();
        int i = 0;
        for (Map<String, String> r : Fixtures.readSharedCsv("nsw_dw_psid1.csv")) {
            JobseekerProfile p = Fixtures.nswProfile(NSW, "n" + i++, r);
            profiles.add(p);
            cases.add(new TrainingCase(p, r.get("treat").equals("1") ? "job_training" : ServiceCatalogue.BASELINE,
                    Double.parseDouble(r.get("re78")) > 0));
        }
        ServiceCatalogue catalogue = ServiceCatalogue.fromJson("{\"schemaVersion\":1,\"name\":\"nsw\",\"services\":"
                + "[{\"id\":\"job_training\",\"labels\":{\"en\":\"Training\"},\"descriptions\":{\"en\":\"d\"},"
                + "\"intensity\":4}]}", NSW);
        models = OutcomeModels.train(catalogue, cases, TrainingSettings.withDefaults().withBags(0)
                .withLearner(TrainingSettings.Learner.BOOSTED_TREES).withTrees(20, 4, 0.3));
    }

    @Test
    void treeShap_equalsBruteForceShapleyValues_onTrainedTrees() {
        for (String option : List.of("job_training", ServiceCatalogue.BASELINE)) {
            OutcomeModels.TreeEnsemble t = models.trees(option).orElseThrow();
            FeatureEncoder enc = models.encoder();
            assertEquals(10, enc.width());
            TreeShapExplainer ex = TreeShapExplainer.of(enc, t);
            for (int i = 0; i < profiles.size(); i += 267) {
                double[] row = enc.encode(profiles.get(i));
                double[] fast = ex.columnValues(row);
                double[] exact = BruteForceShapley.shapley(t, row, enc.width());
                double[] algorithm2 = new TreeShapReference(t).columnValues(row);
                for (int j = 0; j < exact.length; j++) {
                    assertEquals(exact[j], fast[j], 1e-9, option + " profile " + i + " column " + j);
                    assertEquals(exact[j], algorithm2[j], 1e-9, option + " profile " + i + " column " + j);
                }
                assertEquals(BruteForceShapley.value(t, row, 0), ex.expectedValue(), 1e-9);
            }
        }
    }

    @Test
    void treeShap_isLocallyAccurate_andMatchesTheCompiledScorer() {
        OutcomeModels.TreeEnsemble t = models.trees("job_training").orElseThrow();
        TreeShapExplainer ex = TreeShapExplainer.of(models.encoder(), t);
        for (JobseekerProfile p : profiles) {
            AdditiveExplanation e = ex.explain(p);
            double sum = e.baseValue();
            for (AdditiveExplanation.Contribution c : e.contributions()) {
                sum += c.logOdds();
            }
            assertEquals(e.output(), sum, 1e-9);
            // the scorer works in single precision; the explanation's probability agrees to float accuracy
            double scored = models.scorer("job_training").probability(models.encoder().encode(p));
            assertEquals(scored, e.probability(), 1e-6);
        }
        assertEquals(8, ex.explain(profiles.get(0)).contributions().size()); // one per attribute, ethn summed
        assertTrue(models.linear("job_training").isEmpty());
    }

    /** Leaf tables against the paper's Algorithm 2 (the previous implementation) at depths 2 to 8, to 1e-12. */
    @Test
    void leafTables_equalAlgorithm2_onSyntheticEnsemblesOfDepth2To8() {
        org.fairpath.core.synth.CaseloadGenerator gen = org.fairpath.core.synth.CaseloadGenerator.create(
                org.fairpath.core.synth.CaseloadSettings.withDefaults());
        List<TrainingCase> cases = gen.stream(3000).map(c -> new TrainingCase(c.profile(), c.assignedService(),
                c.outcome())).toList();
        List<JobseekerProfile> test = gen.stream(3300).skip(3000).map(c -> c.profile()).toList();
        for (int depth : new int[] {2, 6, 8}) {
            OutcomeModels m = OutcomeModels.train(gen.catalogue(), cases, TrainingSettings.withDefaults().withBags(0)
                    .withLearner(TrainingSettings.Learner.BOOSTED_TREES).withTrees(15, depth, 0.3));
            OutcomeModels.TreeEnsemble t = m.trees(ServiceCatalogue.BASELINE).orElseThrow();
            TreeShapExplainer ex = TreeShapExplainer.of(m.encoder(), t);
            assertTrue(ex.usesLeafTables(), "depth " + depth);
            TreeShapReference algorithm2 = new TreeShapReference(t);
            for (JobseekerProfile p : test) {
                double[] row = m.encoder().encode(p);
                double[] fast = ex.columnValues(row);
                double[] reference = algorithm2.columnValues(row);
                double sum = ex.expectedValue();
                for (int j = 0; j < fast.length; j++) {
                    assertEquals(reference[j], fast[j], 1e-12, "depth " + depth + " " + p.id() + " column " + j);
                    sum += fast[j];
                }
                assertEquals(ex.logOdds(row), sum, 1e-9, "local accuracy, depth " + depth);
            }
        }
    }

    /** An ensemble over the table budget falls back to Algorithm 2 (the same code, so the same bits). */
    @Test
    void overTheTableBudget_usesAlgorithm2() {
        OutcomeModels.TreeEnsemble t = models.trees("job_training").orElseThrow();
        TreeShapExplainer ex = TreeShapExplainer.of(models.encoder(), t, 100);
        assertTrue(!ex.usesLeafTables());
        assertTrue(TreeShapExplainer.of(models.encoder(), t).usesLeafTables());
        TreeShapReference algorithm2 = new TreeShapReference(t);
        for (int i = 0; i < profiles.size(); i += 97) {
            double[] row = models.encoder().encode(profiles.get(i));
            assertEquals(java.util.Arrays.toString(algorithm2.columnValues(row)),
                    java.util.Arrays.toString(ex.columnValues(row)));
        }
    }
}
