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

    /** Oracle: R's type-7 quantile by hand, on values in scrambled order, with ties. */
    @Test
    void quantile_selectionMatchesSortedInterpolation() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(4);
        for (int n = 1; n <= 30; n++) {
            for (int trial = 0; trial < 20; trial++) {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = r.nextInt(6) / 5.0;
                }
                double[] sorted = v.clone();
                java.util.Arrays.sort(sorted);
                for (double q : new double[] {0, 0.05, 0.5, 0.95, 1}) {
                    double h = (n - 1) * q;
                    int lo = (int) Math.floor(h);
                    int hi = Math.min(lo + 1, n - 1);
                    double expected = sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
                    assertEquals(expected, Recommender.quantile(v.clone(), n, q), 1e-15, n + " " + q);
                }
            }
        }
    }

    /** The one-pass tail path and the selection path give the same bounds as sorting (20 and 7 bags). */
    @Test
    void recommend_intervals_sameWithManyOrFewBags() {
        for (int bagCount : new int[] {20, 7}) {
            OutcomeModels m = OutcomeModels.train(ModelFixtures.GENERATOR.catalogue(),
                    ModelFixtures.cases(ModelFixtures.GENERATOR, 0, 3000), TrainingSettings.withDefaults()
                            .withBags(bagCount));
            Recommender rec = Recommender.of(m);
            for (SyntheticCase c : ModelFixtures.GENERATOR.stream(3100).skip(3000).toList()) {
                double[] row = m.encoder().encode(c.profile());
                double[] v = new double[bagCount];
                for (int b = 0; b < bagCount; b++) {
                    v[b] = m.scorers()[0][b + 1].probability(row);
                }
                double[] sorted = v.clone();
                java.util.Arrays.sort(sorted);
                double h = (bagCount - 1) * 0.05;
                int lo = (int) Math.floor(h);
                double expectedLower = sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
                double hh = (bagCount - 1) * 0.95;
                int hi = (int) Math.floor(hh);
                double expectedUpper = sorted[hi] + (hh - hi) * (sorted[Math.min(hi + 1, bagCount - 1)] - sorted[hi]);
                Recommendation r = rec.recommend(c.profile());
                assertEquals(expectedLower, r.pWithoutLower(), 1e-15);
                assertEquals(expectedUpper, r.pWithoutUpper(), 1e-15);
            }
        }
    }

    @Test
    void recommend_intervalsArePercentilesOfTheBags() {
        JobseekerProfile p = Fixtures.profile("js-3");
        Recommendation r = RECOMMENDER.recommend(p);
        OutcomeModels m = ModelFixtures.logistic();
        double[] row = m.encoder().encode(p);
        double[] bags = new double[10];
        for (int b = 0; b < 10; b++) {
            bags[b] = m.scorers()[0][b + 1].probability(row);
        }
        java.util.Arrays.sort(bags);
        // 90% interval over 10 values, type-7 quantiles: positions 0.45 and 8.55
        assertEquals(bags[0] + 0.45 * (bags[1] - bags[0]), r.pWithoutLower(), 1e-15);
        assertEquals(bags[8] + 0.55 * (bags[9] - bags[8]), r.pWithoutUpper(), 1e-15);
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
