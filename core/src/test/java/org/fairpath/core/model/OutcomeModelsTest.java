package org.fairpath.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.fairpath.core.FeatureEncoder;
import org.fairpath.core.synth.SyntheticCase;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.classification.Label;

final class OutcomeModelsTest {

    /** Oracle: Tribuo's own predict on every trained model (point and bags), 10,000 held-out profiles. */
    private static void assertCompiledEqualsTribuo(OutcomeModels m) {
        FeatureEncoder enc = m.encoder();
        List<double[]> rows = new ArrayList<>();
        for (SyntheticCase c : ModelFixtures.GENERATOR.stream(20_000).skip(10_000).toList()) {
            rows.add(enc.encode(c.profile()));
        }
        Scorer[][] scorers = m.scorers();
        double max = 0;
        int models = 0;
        for (int a = 0; a < scorers.length; a++) {
            String option = a == m.options().size() ? OutcomeModels.PROFILING : m.options().get(a);
            for (int b = 0; b < scorers[a].length; b++) {
                Model<Label> t = m.tribuoModels().get(b == 0 ? option : option + "#" + b);
                // the point models on all rows, bag models on every 10th row to keep the test quick
                for (int i = 0; i < rows.size(); i += b == 0 ? 1 : 10) {
                    max = Math.max(max, Math.abs(OutcomeModels.tribuoProbability(t, enc, rows.get(i))
                            - scorers[a][b].probability(rows.get(i))));
                }
                models++;
            }
        }
        assertEquals(m.tribuoModels().size(), models);
        assertTrue(max <= 1e-9, "max |compiled - Tribuo| = " + max);
    }

    @Test
    void logistic_everyCompiledModel_equalsTribuoPredict() {
        assertCompiledEqualsTribuo(ModelFixtures.logistic());
    }

    @Test
    void boostedTrees_everyCompiledModel_equalsTribuoPredict() {
        assertCompiledEqualsTribuo(ModelFixtures.trees());
        assertEquals("boosted-trees", ModelFixtures.trees().scorer("wage_subsidy").kind());
    }

    @Test
    void train_summaryCountsCasesAndRanges() {
        OutcomeModels m = ModelFixtures.logistic();
        assertEquals(List.of("no_programme", "job_search_assistance", "vocational_training", "wage_subsidy",
                "intensive_counselling", "digital_self_service", "language_course"), m.options());
        TrainingSummary s = m.summary();
        assertEquals(8000, s.cases());
        assertEquals(8000, s.casesPerOption().values().stream().mapToInt(Integer::intValue).sum());
        long noProgramme = ModelFixtures.cases(ModelFixtures.GENERATOR, 0, 8000).stream()
                .filter(c -> c.service().equals("no_programme")).count();
        assertEquals(noProgramme, (long) s.casesPerOption().get("no_programme"));
        assertEquals(noProgramme, s.effectiveCases().get("no_programme"), 1e-6); // no weighting: effective = count
        assertEquals(1.0, s.maxWeight());
        int age = m.encoder().columnsOf("age")[0];
        assertTrue(s.columnMin()[age] >= 18 && s.columnMax()[age] <= 66);
        assertEquals(22, s.columnMin().length);
    }

    @Test
    void auc_handComputedSmallCases() {
        // Oracle: by hand. Scores 0.1(-) 0.3(+) 0.35(-) 0.8(+): of the 4 (+,-) pairs, 3 are ordered right -> 0.75.
        assertEquals(0.75, TrainingSummary.auc(List.of(new double[] {0.1, 0}, new double[] {0.3, 1},
                new double[] {0.35, 0}, new double[] {0.8, 1})), 1e-15);
        // a tie between a positive and a negative counts one half: (0.5+, 0.5-) and (0.5+, 0.2-) -> 1.5 / 2
        assertEquals(0.75, TrainingSummary.auc(List.of(new double[] {0.5, 1}, new double[] {0.5, 0},
                new double[] {0.2, 0})), 1e-15);
        assertEquals(1.0, TrainingSummary.auc(List.of(new double[] {0.1, 0}, new double[] {0.9, 1})), 0.0);
        assertEquals(0.5, TrainingSummary.auc(List.of(new double[] {0.5, 0}, new double[] {0.5, 1})), 0.0);
        assertTrue(Double.isNaN(TrainingSummary.auc(List.of(new double[] {0.5, 1}))));
    }

    @Test
    void train_summaryReportsInSampleAucAndBrier() {
        TrainingSummary s = ModelFixtures.logistic().summary();
        for (String o : ModelFixtures.logistic().options()) {
            assertTrue(s.auc().get(o) > 0.6 && s.auc().get(o) < 1, o + " AUC " + s.auc().get(o));
            assertTrue(s.brier().get(o) > 0 && s.brier().get(o) < 0.25, o + " Brier " + s.brier().get(o));
        }
        assertTrue(s.auc().containsKey("profiling"));
    }

    @Test
    void train_sameDataAndSettings_sameVersion_otherSeed_otherVersion() {
        List<TrainingCase> cases = ModelFixtures.cases(ModelFixtures.GENERATOR, 0, 3000);
        TrainingSettings s = TrainingSettings.withDefaults().withBags(3);
        OutcomeModels a = OutcomeModels.train(ModelFixtures.GENERATOR.catalogue(), cases, s);
        OutcomeModels b = OutcomeModels.train(ModelFixtures.GENERATOR.catalogue(), cases, s);
        assertEquals(a.version(), b.version());
        assertEquals(64, a.version().length());
        OutcomeModels c = OutcomeModels.train(ModelFixtures.GENERATOR.catalogue(), cases, s.withSeed(7));
        assertNotEquals(a.version(), c.version());
    }

    @Test
    void train_inversePropensity_reportsWeightsAndEffectiveCases() {
        List<TrainingCase> cases = ModelFixtures.cases(ModelFixtures.GENERATOR, 0, 4000);
        OutcomeModels m = OutcomeModels.train(ModelFixtures.GENERATOR.catalogue(), cases,
                TrainingSettings.withDefaults().withBags(2).withInversePropensity(true).withMaxWeight(10));
        TrainingSummary s = m.summary();
        assertTrue(s.maxWeight() > 1 && s.maxWeight() <= 10, "max weight " + s.maxWeight());
        for (String o : m.options()) {
            assertTrue(s.effectiveCases().get(o) <= s.casesPerOption().get(o) + 1e-9, o);
        }
    }

    @Test
    void train_badCases_areRejectedWithCounts() {
        List<TrainingCase> few = ModelFixtures.cases(ModelFixtures.GENERATOR, 0, 300);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutcomeModels.train(
                ModelFixtures.GENERATOR.catalogue(), few, TrainingSettings.withDefaults()));
        assertTrue(e.getMessage().contains("each option needs at least 30 cases"), e.getMessage());
        assertTrue(e.getMessage().contains("Cases per option: {no_programme="), e.getMessage());

        List<TrainingCase> unknown = new ArrayList<>(ModelFixtures.cases(ModelFixtures.GENERATOR, 0, 10));
        unknown.set(3, new TrainingCase(unknown.get(3).profile(), "training", true));
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class, () -> OutcomeModels.train(
                ModelFixtures.GENERATOR.catalogue(), unknown, TrainingSettings.withDefaults()));
        assertTrue(u.getMessage().startsWith("cases[3].service is 'training'; known: [no_programme,"), u.getMessage());
    }

    @Test
    void settings_outOfRange_namesSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainingSettings.withDefaults().withBags(-1));
        assertEquals("bags is -1; allowed: 0 to 500", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TrainingSettings.withDefaults().withSegmentCuts(List.of(0.6, 0.3)));
        assertThrows(IllegalArgumentException.class, () -> TrainingSettings.withDefaults().withConfidence(1));
    }
}
