package org.fairpath.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.fairpath.core.Attribute;
import org.fairpath.core.Fixtures;
import org.fairpath.core.JobseekerProfile;
import org.fairpath.core.Role;
import org.fairpath.core.Schema;
import org.fairpath.core.synth.SyntheticCase;
import org.junit.jupiter.api.Test;

final class RecommenderTest {

    private static final Recommender RECOMMENDER = Recommender.of(ModelFixtures.logistic());

    @Test
    void recommend_ranksEligibleServicesByUpliftWithConsistentNumbers() {
        JobseekerProfile p = Fixtures.profile("js-1", "months_unemployed", 14);
        Recommendation r = RECOMMENDER.recommend(p);
        assertEquals(Recommendation.Status.AWAITING_REVIEW, r.status());
        assertEquals(ModelFixtures.logistic().version(), r.modelVersion());
        OutcomeModels m = ModelFixtures.logistic();
        double[] row = m.encoder().encode(p);
        assertEquals(m.scorer("no_programme").probability(row), r.pWithout(), 0.0);
        double previous = Double.POSITIVE_INFINITY;
        for (int i = 0; i < r.suggestions().size(); i++) {
            ServiceSuggestion s = r.suggestions().get(i);
            assertEquals(i + 1, s.rank());
            assertTrue(m.catalogue().service(s.serviceId()).isEligible(p));
            assertEquals(m.scorer(s.serviceId()).probability(row), s.pWith(), 0.0);
            assertEquals(s.pWith() - r.pWithout(), s.uplift(), 1e-15);
            assertTrue(s.uplift() <= previous);
            previous = s.uplift();
            assertTrue(s.upliftLower() <= s.upliftUpper() && s.pWithLower() <= s.pWithUpper());
        }
        // fixture with 14 months: everything but digital self-service? basic skills qualify; all six eligible
        assertEquals(6, r.suggestions().size() + r.notEligible().size());
        assertFalse(r.hasCaveats(), r.flags()::toString);
    }

    @Test
    void recommend_ineligibleServicesAreLeftOutWithReason() {
        Recommendation r = RECOMMENDER.recommend(Fixtures.profile("js-2", "months_unemployed", 1,
                "language_level", "c2", "digital_skills", "none"));
        assertEquals(List.of("vocational_training", "wage_subsidy", "intensive_counselling", "digital_self_service",
                "language_course"), r.notEligible().stream().map(e -> e.serviceId()).toList());
        assertEquals(List.of("job_search_assistance"), r.suggestions().stream().map(ServiceSuggestion::serviceId)
                .toList());
        assertTrue(r.notEligible().get(0).reason().contains("months unemployed is 1 (needs >= 3)"));
    }

    /**
     * Oracle: the interval by hand from the bags' probabilities, with Student's t quantile for 9 degrees of freedom at
     * 95% from a printed table (1.833).
     */
    @Test
    void recommend_intervalsArePointPlusMinusTTimesBagsSdWithTheBiasAllowance() {
        JobseekerProfile p = Fixtures.profile("js-3");
        Recommendation r = RECOMMENDER.recommend(p);
        OutcomeModels m = ModelFixtures.logistic();
        double[] row = m.encoder().encode(p);
        double[] bags = new double[10];
        double mean = 0;
        for (int b = 0; b < 10; b++) {
            bags[b] = m.scorers()[0][b + 1].probability(row);
            mean += bags[b] / 10;
        }
        double ss = 0;
        for (double v : bags) {
            ss += (v - mean) * (v - mean);
        }
        double tau = m.summary().biasAllowance().get("no_programme"); // BiasAllowanceTest checks its value
        assertTrue(tau > 0, "allowance " + tau);
        double half = 1.833 * Math.sqrt(ss / 9 + tau * tau);
        double point = m.scorers()[0][0].probability(row);
        assertEquals(point - half, r.pWithoutLower(), 1e-4 * half);
        assertEquals(point + half, r.pWithoutUpper(), 1e-4 * half);
    }

    /**
     * The uplift intervals: point +- q * sqrt(variance of the bags' uplifts + the paired uplift allowance squared),
     * with q the per-interval t quantile for 9 degrees of freedom at 95% (1.833, printed table) for every suggestion
     * but the top one, whose q is made simultaneous over the k eligible services (Bonferroni: the t quantile at
     * 1 - 0.10 / (2k)). Oracle: hand computation from the bags' probabilities and the stored allowance.
     */
    @Test
    void recommend_upliftIntervalsUseThePairedAllowance_simultaneousForTheTopOnly() {
        JobseekerProfile p = Fixtures.profile("js-3");
        Recommendation r = RECOMMENDER.recommend(p);
        OutcomeModels m = ModelFixtures.logistic();
        double[] row = m.encoder().encode(p);
        int k = r.suggestions().size();
        assertTrue(k >= 2, "needs a top suggestion and another");
        double tk = org.apache.commons.statistics.distribution.TDistribution.of(9)
                .inverseCumulativeProbability(1 - 0.10 / (2.0 * k));
        for (ServiceSuggestion s : r.suggestions()) {
            int o = m.options().indexOf(s.serviceId());
            double[] u = new double[10];
            double mean = 0;
            for (int b = 0; b < 10; b++) {
                u[b] = m.scorers()[o][b + 1].probability(row) - m.scorers()[0][b + 1].probability(row);
                mean += u[b] / 10;
            }
            double ss = 0;
            for (double v : u) {
                ss += (v - mean) * (v - mean);
            }
            double tau = m.summary().upliftAllowance().get(s.serviceId());
            double q = s.rank() == 1 ? tk : 1.833;
            double half = q * Math.sqrt(ss / 9 + tau * tau);
            assertEquals(Math.max(-1, s.uplift() - half), s.upliftLower(), 1e-4 * half, s.toString());
            assertEquals(Math.min(1, s.uplift() + half), s.upliftUpper(), 1e-4 * half, s.toString());
        }
    }

    /** The point estimate is inside every interval, clamped to [0, 1] for chances and [-1, 1] for uplifts. */
    @Test
    void recommend_pointAlwaysInsideItsInterval() {
        for (SyntheticCase c : ModelFixtures.GENERATOR.stream(10_500).skip(10_000).toList()) {
            Recommendation r = RECOMMENDER.recommend(c.profile());
            assertTrue(r.pWithoutLower() <= r.pWithout() && r.pWithout() <= r.pWithoutUpper());
            assertTrue(r.pWithoutLower() >= 0 && r.pWithoutUpper() <= 1);
            for (ServiceSuggestion s : r.suggestions()) {
                assertTrue(s.pWithLower() <= s.pWith() && s.pWith() <= s.pWithUpper(), s.toString());
                assertTrue(s.upliftLower() <= s.uplift() && s.uplift() <= s.upliftUpper(), s.toString());
                assertTrue(s.pWithLower() >= 0 && s.pWithUpper() <= 1 && s.upliftLower() >= -1
                        && s.upliftUpper() <= 1, s.toString());
                assertTrue(s.hasInterval());
            }
            ProfilingScore ps = r.profiling();
            assertTrue(ps.lower() <= ps.probability() && ps.probability() <= ps.upper());
        }
    }

    /** No bags (or one): no interval at all, and nothing printed as NaN. */
    @Test
    void recommend_withoutBags_showsNoIntervalAndNoNaN() {
        for (int bagCount : new int[] {0, 1}) {
            OutcomeModels m = OutcomeModels.train(ModelFixtures.GENERATOR.catalogue(),
                    ModelFixtures.cases(ModelFixtures.GENERATOR, 0, 3000), TrainingSettings.withDefaults()
                            .withBags(bagCount));
            Recommendation r = Recommender.of(m).recommend(Fixtures.profile("js-9"));
            for (ServiceSuggestion s : r.suggestions()) {
                assertFalse(s.hasInterval());
                assertFalse(s.clearBenefit());
            }
            String text = r.describe();
            assertFalse(text.contains("NaN"), text);
            assertFalse(r.profiling().describe(r.confidence()).contains("NaN"));
        }
    }

    @Test
    void recommend_profilingIsNeverABareLabel() {
        Recommendation r = RECOMMENDER.recommend(Fixtures.profile("js-4", "months_unemployed", 30));
        ProfilingScore s = r.profiling();
        assertEquals(3, s.segments());
        assertTrue(s.probability() >= s.segmentFrom() && s.probability() < s.segmentTo());
        assertTrue(s.lower() <= s.upper());
        String text = s.describe(r.confidence());
        assertTrue(text.contains("% chance of still being unemployed") && text.contains("90% interval"), text);
        // profiling is P(not employed): it moves against the baseline chance of employment
        Recommendation shorter = RECOMMENDER.recommend(Fixtures.profile("js-5", "months_unemployed", 0));
        assertTrue(shorter.profiling().probability() < s.probability());
        assertTrue(shorter.pWithout() > r.pWithout());
    }

    @Test
    void recommend_missingAndOutOfRangeInputs_areFlagged() {
        Recommendation r = RECOMMENDER.recommend(Fixtures.profile("js-6", "digital_skills", null, "age", 67,
                "months_unemployed", 240));
        List<String> flags = r.flags().stream().map(f -> f.kind() + ":" + f.attribute()).toList();
        assertTrue(flags.contains("MISSING_VALUE:digital_skills"), flags::toString);
        assertTrue(flags.contains("OUT_OF_TRAINING_RANGE:age"), flags::toString);
        assertTrue(flags.contains("OUT_OF_TRAINING_RANGE:months_unemployed"), flags::toString);
        assertTrue(r.hasCaveats());
        assertTrue(r.describe().contains("caution: Age is 67, outside the range seen in training"), r.describe());
    }

    @Test
    void recommend_otherSchema_isRejected() {
        JobseekerProfile p = Fixtures.foreignProfile();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RECOMMENDER.recommend(p));
        assertTrue(e.getMessage().contains("not the models' schema 'pes-default'"), e.getMessage());
    }

    @Test
    void recommend_eightThreads_giveTheSequentialResults() throws Exception {
        List<JobseekerProfile> profiles = ModelFixtures.GENERATOR.stream(2000).map(SyntheticCase::profile).toList();
        List<Recommendation> sequential = profiles.stream().map(RECOMMENDER::recommend).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Recommendation>>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> profiles.stream().map(RECOMMENDER::recommend).toList()));
            }
            for (Future<List<Recommendation>> f : futures) {
                assertEquals(sequential, f.get());
            }
        } finally {
            pool.shutdown();
        }
    }
}
