package org.fairpath.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fairpath.core.Attribute;
import org.fairpath.core.FeatureEncoder;
import org.fairpath.core.Fixtures;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Role;
import org.fairpath.core.Schema;
import org.fairpath.core.ServiceCatalogue;
import org.fairpath.core.model.OutcomeModels;
import org.fairpath.core.model.TrainingCase;
import org.fairpath.core.model.TrainingSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Explanations of models trained on the real german_credit.csv (outcome: class good): local accuracy, TreeSHAP
 * against brute-force enumeration over all 2^16 column subsets, global importance, and counterfactual validity.
 * The outcome models need two options; cases are split by housing (own vs. other), which is only a way to train two
 * real tree ensembles on these data.
 */
final class GermanCreditExplanationTest {

    private static final Schema GERMAN = Schema.of("german-credit", List.of(
            Attribute.categorical("checking_status", List.of("<0", "0<=X<200", ">=200", "no checking"))
                    .roles(Role.FEATURE, Role.ACTIONABLE).label("en", "Checking account").build(),
            Attribute.numeric("duration", 1, 120).integer().roles(Role.FEATURE).label("en", "Duration").build(),
            Attribute.numeric("credit_amount", 0, 100_000).roles(Role.FEATURE).label("en", "Amount").build(),
            Attribute.categorical("savings_status", List.of("<100", "100<=X<500", "500<=X<1000", ">=1000",
                    "no known savings")).roles(Role.FEATURE, Role.ACTIONABLE).label("en", "Savings").build(),
            Attribute.ordinal("employment", List.of("unemployed", "<1", "1<=X<4", "4<=X<7", ">=7"))
                    .roles(Role.FEATURE, Role.ACTIONABLE).label("en", "Years employed").build(),
            Attribute.numeric("installment_commitment", 1, 4).integer().roles(Role.FEATURE)
                    .label("en", "Instalment rate").build(),
            Attribute.numeric("age", 18, 80).integer().roles(Role.FEATURE, Role.PROTECTED, Role.IMMUTABLE)
                    .justification("test model on public data").label("en", "Age").build(),
            Attribute.numeric("existing_credits", 1, 4).integer().roles(Role.FEATURE).label("en", "Credits").build(),
            Attribute.numeric("num_dependents", 1, 2).integer().roles(Role.FEATURE).label("en", "Dependents").build(),
            Attribute.categorical("sex", List.of("female", "male")).roles(Role.PROTECTED).label("en", "Sex").build(),
            Attribute.categorical("foreign_worker", List.of("yes", "no")).roles(Role.PROTECTED)
                    .label("en", "Foreign worker").build()));
    private static final List<String> NUMERIC = List.of("duration", "credit_amount", "installment_commitment", "age",
            "existing_credits", "num_dependents");

    private static List<JobseekerProfile> profiles;
    private static OutcomeModels trees;
    private static OutcomeModels logistic;
    private static List<Boolean> good;

    @BeforeAll
    static void train() throws IOException {
        profiles = new ArrayList<>();
        good = new ArrayList<>();
        List<TrainingCase> cases = new ArrayList<>();
        int i = 0;
        for (Map<String, String> r : Fixtures.readSharedCsv("german_credit.csv")) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Attribute a : GERMAN.attributes()) {
                String v = r.get(a.name());
                m.put(a.name(), NUMERIC.contains(a.name()) ? (Object) Double.parseDouble(v) : v);
            }
            JobseekerProfile p = JobseekerProfile.of(GERMAN, "g" + i++, m);
            profiles.add(p);
            good.add(r.get("class").equals("good"));
            cases.add(new TrainingCase(p, r.get("housing").equals("own") ? ServiceCatalogue.BASELINE : "other_housing",
                    r.get("class").equals("good")));
        }
        ServiceCatalogue cat = ServiceCatalogue.fromJson("{\"schemaVersion\":1,\"name\":\"g\",\"services\":[{\"id\":"
                + "\"other_housing\",\"labels\":{\"en\":\"x\"},\"descriptions\":{\"en\":\"x\"},\"intensity\":1}]}",
                GERMAN);
        trees = OutcomeModels.train(cat, cases, TrainingSettings.withDefaults().withBags(0)
                .withLearner(TrainingSettings.Learner.BOOSTED_TREES).withTrees(15, 3, 0.3));
        logistic = OutcomeModels.train(cat, cases, TrainingSettings.withDefaults().withBags(0).withCost(0.1));
    }

    @Test
    void treeShap_equalsBruteForceOverAllColumnSubsets() {
        OutcomeModels.TreeEnsemble t = trees.trees(ServiceCatalogue.BASELINE).orElseThrow();
        FeatureEncoder enc = trees.encoder();
        assertEquals(16, enc.width());
        TreeShapExplainer ex = TreeShapExplainer.of(enc, t);
        for (int i : new int[] {0, 500}) {
            double[] row = enc.encode(profiles.get(i));
            double[] fast = ex.columnValues(row);
            double[] exact = BruteForceShapley.shapley(t, row, 16);
            for (int j = 0; j < 16; j++) {
                assertEquals(exact[j], fast[j], 1e-9, "profile " + i + " column " + j);
            }
        }
    }

    @Test
    void explanations_areLocallyAccurate_forBothLearners() {
        for (OutcomeModels m : List.of(trees, logistic)) {
            Explainer ex = Explainer.of(m);
            for (JobseekerProfile p : profiles) {
                AdditiveExplanation e = ex.explain(p, ServiceCatalogue.BASELINE).orElseThrow();
                double sum = e.baseValue();
                for (AdditiveExplanation.Contribution c : e.contributions()) {
                    sum += c.logOdds();
                }
                assertEquals(e.output(), sum, 1e-9);
                assertEquals(9, e.contributions().size()); // sex and foreign_worker are never explained
            }
        }
    }

    @Test
    void upliftExplanation_differencesAddUpToTheUpliftInLogOdds() {
        for (OutcomeModels m : List.of(trees, logistic)) {
            for (JobseekerProfile p : profiles.subList(0, 50)) {
                Explainer.UpliftExplanation u = Explainer.of(m).uplift(p, "other_housing").orElseThrow();
                double sum = 0;
                for (AdditiveExplanation.Contribution c : u.difference()) {
                    sum += c.logOdds();
                    assertEquals(u.with().contribution(c.attribute()) - u.without().contribution(c.attribute()),
                            c.logOdds(), 0.0);
                }
                assertEquals((u.with().output() - u.with().baseValue()) - (u.without().output()
                        - u.without().baseValue()), sum, 1e-9);
                double[] row = m.encoder().encode(p);
                assertEquals(m.scorer("other_housing").probability(row) - m.scorer(ServiceCatalogue.BASELINE)
                        .probability(row), u.uplift(), 1e-6);
            }
        }
    }

    @Test
    void counterfactuals_reallyChangeThePredictedClass() {
        var scorer = trees.scorer(ServiceCatalogue.BASELINE);
        java.util.function.Function<JobseekerProfile, Object> predictedGood =
                p -> scorer.probability(trees.encoder().encode(p)) >= 0.5;
        Counterfactuals cf = Counterfactuals.of(predictedGood, Map.of(), 3);
        int checked = 0;
        for (JobseekerProfile p : profiles) {
            if ((Boolean) predictedGood.apply(p) || checked >= 20) {
                continue;
            }
            for (Counterfactuals.Counterfactual k : cf.find(p, 2)) {
                assertEquals(Boolean.TRUE, predictedGood.apply(Counterfactuals.apply(p, k.changes())), k.toString());
                assertTrue(k.changes().stream().noneMatch(c -> c.attribute().equals("age") || c.attribute()
                        .equals("sex")));
                checked++;
            }
        }
        assertTrue(checked > 5, "only " + checked + " counterfactuals found");
    }

    @Test
    void globalImportance_ranksUsedAttributesAboveUnused() {
        Explainer ex = Explainer.of(logistic);
        List<AdditiveExplanation> sample = profiles.stream().limit(300)
                .map(p -> ex.explain(p, ServiceCatalogue.BASELINE).orElseThrow()).toList();
        Map<String, Double> mean = GlobalImportance.meanAbsoluteContribution(sample);
        assertEquals(9, mean.size());
        assertTrue(mean.get("checking_status") > 0);
        Map<String, Double> perm = GlobalImportance.permutationImportance(logistic.scorer(ServiceCatalogue.BASELINE),
                logistic.encoder(), profiles, good, 3, 11);
        // the checking account is the strongest predictor of credit risk in these data
        String top = perm.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertEquals("checking_status", top, perm.toString());
    }
}
